#!/usr/bin/env python3
"""screen.py — helpers for the e2e harness: read a tmux capture (one row per line) by display
columns, counting wide characters as two columns as tmux and ncurses do.

  screen.py borders FILE          for each row: the columns of vertical box lines (│ ┌ ┐ └ ┘)
  screen.py region FILE X W Y H   the text of the rectangle, one line per row, trailing blanks cut
  screen.py width TEXT            display width of TEXT
"""
import sys
import unicodedata


def cwidth(ch):
    if unicodedata.combining(ch) or ch in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(line):
    """[(column, char)] for each character that starts a cell."""
    out, col = [], 0
    for ch in line:
        w = cwidth(ch)
        if w == 0:
            continue
        out.append((col, ch, w))
        col += w
    return out


def main():
    cmd = sys.argv[1]
    if cmd == "width":
        print(sum(cwidth(c) for c in sys.argv[2]))
        return
    rows = open(sys.argv[2], encoding="utf-8").read().split("\n")
    if cmd == "borders":
        for r in rows:
            print(" ".join(str(c) for c, ch, w in cells(r) if ch in "│┌┐└┘"))
    elif cmd == "region":
        x, w, y, h = (int(v) for v in sys.argv[3:7])
        for r in rows[y:y + h]:
            s = ""
            for c, ch, cw in cells(r):
                if c >= x and c + cw <= x + w:
                    s += ch
                elif c < x + w and c + cw > x:
                    s += " "  # a wide character cut by the edge
            print(s.rstrip())


if __name__ == "__main__":
    main()
