#!/usr/bin/env bash
# Screenshots a console program as a person sees it: runs it in a real terminal (tmux) of 80 columns, captures the
# screen (with its colours) after a while, and renders that text to a PNG with headless Chromium. Used for the
# pictures of the live view in docs/; nothing is redrawn or retouched, the PNG shows the captured characters.
#
# Usage: scripts/terminal-screenshot.sh OUT.png SECONDS ROWS COMMAND...
#   SECONDS  how long the command runs before the capture (it is then ended with Ctrl-C)
#   ROWS     the terminal's height
set -euo pipefail
out="$(realpath -m "$1")"; seconds="$2"; rows="$3"; shift 3
work="$(mktemp -d)"
trap 'tmux -L screenshot kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

tmux -L screenshot -f /dev/null new-session -d -x 80 -y "$rows" -s shot "$(printf '%q ' "$@"); sleep 3600"
tmux -L screenshot set-option -t shot status off
sleep "$seconds"
tmux -L screenshot capture-pane -t shot -p -e > "$work/screen.ans"
tmux -L screenshot send-keys -t shot C-c

# ANSI colours (SGR) to HTML spans, in the palette of a dark terminal.
python3 - "$work/screen.ans" "$work/screen.html" <<'PY'
import html, re, sys
base = ["#2e3436", "#cc0000", "#4e9a06", "#c4a000", "#3465a4", "#75507b", "#06989a", "#d3d7cf",
        "#555753", "#ef2929", "#8ae234", "#fce94f", "#729fcf", "#ad7fa8", "#34e2e2", "#eeeeec"]
def c256(n):
    if n < 16: return base[n]
    if n < 232:
        n -= 16; steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    g = 8 + (n - 232) * 10; return "#%02x%02x%02x" % (g, g, g)
state = {}
def style():
    s = []
    if "fg" in state: s.append("color:" + state["fg"])
    if "bg" in state: s.append("background:" + state["bg"])
    if state.get("bold"): s.append("font-weight:bold")
    if state.get("dim"): s.append("opacity:0.7")
    if state.get("italic"): s.append("font-style:italic")
    if state.get("underline"): s.append("text-decoration:underline")
    return ";".join(s)
def apply(params):
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0: state.clear()
        elif c == 1: state["bold"] = True
        elif c == 2: state["dim"] = True
        elif c == 3: state["italic"] = True
        elif c == 4: state["underline"] = True
        elif c == 22: state.pop("bold", None); state.pop("dim", None)
        elif c == 23: state.pop("italic", None)
        elif c == 24: state.pop("underline", None)
        elif 30 <= c <= 37: state["fg"] = base[c - 30]
        elif 90 <= c <= 97: state["fg"] = base[c - 90 + 8]
        elif c == 39: state.pop("fg", None)
        elif 40 <= c <= 47: state["bg"] = base[c - 40]
        elif 100 <= c <= 107: state["bg"] = base[c - 100 + 8]
        elif c == 49: state.pop("bg", None)
        elif c in (38, 48):
            key = "fg" if c == 38 else "bg"
            if codes[i + 1] == 5: state[key] = c256(codes[i + 2]); i += 2
            elif codes[i + 1] == 2: state[key] = "#%02x%02x%02x" % tuple(codes[i + 2:i + 5]); i += 4
        i += 1
text = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
out = []
for part in re.split(r"(\x1b\[[0-9;]*m)", text):
    m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
    if m: apply(m.group(1)); continue
    if part: out.append('<span style="%s">%s</span>' % (style(), html.escape(part)))
page = ('<!DOCTYPE html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">'
        '<pre style="margin:0;padding:8px;color:#d3d7cf;font:14px/1.25 \'DejaVu Sans Mono\',monospace">%s</pre>' % "".join(out))
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY

# The terminal's rows below the program's last line are blank: the picture stops at that line.
lines=$(sed 's/\x1b\[[0-9;]*m//g' "$work/screen.ans" | grep -n '[^[:space:]]' | tail -1 | cut -d: -f1)
height=$(( (lines + 1) * 18 + 16 ))
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=700,"$height" \
  --screenshot="$out" "file://$work/screen.html" 2>/dev/null
echo "terminal-screenshot: $out ($lines lines)"
