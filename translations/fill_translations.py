#!/usr/bin/env python3
"""Proposes German and Greek translations for the entries that lupdate left unfinished.

The .ts files are the source of truth: what a translator wrote (in Linguist or by hand) is
never touched. Proposals are keyed by context *and* source text (and disambiguation
comment), because the same English word can need different words in different places
("&File" the menu and "Archive" the image collection are both «Αρχείο» only by accident).

    /usr/lib/qt6/bin/lupdate -no-obsolete -locations none -I . ui app -ts translations/rscir_*.ts
    python3 translations/fill_translations.py PROPOSALS.json           # fills, keeps them marked for review
    python3 translations/fill_translations.py PROPOSALS.json --accept  # after reviewing them in context

PROPOSALS.json is a list of {"context": "rscir::ui::MainWindow", "source": "...",
"comment": "..." (optional), "de": "..." or ["singular", "plural"], "el": ...}.
Without --accept a filled entry keeps type="unfinished", so Linguist shows it for review;
with --accept it is marked finished. Any entry still unfinished is listed, and the exit
status is 1 while there is one: every string ships translated.
"""
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def escape(text):
    return html.escape(text, quote=False).replace('"', "&quot;").replace("'", "&apos;")


def fill(ts_path, language, proposals, accept):
    text = ts_path.read_text(encoding="utf-8")
    remaining = []

    def per_context(match):
        body = match.group(1)
        context = re.search(r"<name>(.*?)</name>", body).group(1)

        def per_message(m):
            block = m.group(0)
            if 'type="unfinished"' not in block:
                return block  # a translator's work: never rewritten
            source = html.unescape(re.search(r"<source>(.*?)</source>", block, re.S).group(1))
            comment = re.search(r"<comment>(.*?)</comment>", block, re.S)
            comment = html.unescape(comment.group(1)) if comment else ""
            proposal = proposals.get((context, source, comment))
            if not proposal or language not in proposal:
                remaining.append(f"{context}: {source!r}")
                return block
            value = proposal[language]
            mark = "" if accept else ' type="unfinished"'
            if isinstance(value, list):
                forms = "".join(f"\n            <numerusform>{escape(v)}</numerusform>" for v in value)
                new = f"<translation{mark}>{forms}\n        </translation>"
            else:
                new = f"<translation{mark}>{escape(value)}</translation>"
            if not accept:
                remaining.append(f"{context}: {source!r} (proposed, to review)")
            return re.sub(r"<translation[^>]*>.*?</translation>", new, block, flags=re.S)

        return "<context>" + re.sub(r"<message[^>]*>.*?</message>", per_message, body, flags=re.S) + "</context>"

    text = re.sub(r"<context>(.*?)</context>", per_context, text, flags=re.S)
    ts_path.write_text(text, encoding="utf-8")
    return remaining


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    entries = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    proposals = {(e["context"], e["source"], e.get("comment", "")): e for e in entries}
    accept = "--accept" in sys.argv[2:]
    status = 0
    for language in ("de", "el"):
        remaining = fill(HERE / f"rscir_{language}.ts", language, proposals, accept)
        for line in remaining:
            print(f"rscir_{language}.ts: unfinished: {line}")
        status = status or (1 if remaining else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
