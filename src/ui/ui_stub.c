/* ui_stub.c — a minimal reader until the three-pane UI lands: lays the document out with
 * `jingdu print` at the terminal width and shows it in $PAGER (less by default).
 * Delete this file when src/ui/ui.c provides ui_run(). */
#include "jingdu/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int
ui_run(const char *path, const struct cli_opts *o)
{
	const char *pager = getenv("PAGER");
	char self[4096];
	ssize_t n;
	pid_t pid;
	int status;

	(void)o;
	if (!path)
		path = "samples/zh-reading.txt";
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 1;
	self[n] = '\0';
	if (!pager || !*pager)
		pager = "less";
	pid = fork();
	if (pid == 0) {
		int fd[2];

		if (pipe(fd) != 0)
			_exit(1);
		if (fork() == 0) {
			dup2(fd[1], 1);
			close(fd[0]);
			close(fd[1]);
			execl(self, "jingdu", "print", path, (char *)NULL);
			_exit(127);
		}
		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		execlp(pager, pager, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
