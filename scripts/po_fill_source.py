"""Fill the Dutch (source language) catalogues with msgstr = msgid; with --check, list
every English entry that is untranslated or fuzzy and exit 1 if there is one."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def catalogues(lang):
    return sorted(
        p
        for p in ROOT.glob(f"**/locale/{lang}/LC_MESSAGES/django.po")
        if ".venv" not in p.parts and "node_modules" not in p.parts
    )


def parse(text):
    """Yield entries as lists of lines (blank-line separated)."""
    return [block.split("\n") for block in text.strip().split("\n\n")]


def fill_dutch(path):
    lines = path.read_text().split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
    text = "\n".join(out)
    blocks = parse(text)
    result = []
    for block in blocks:
        joined = "\n".join(block)
        if _is_header(block) or not any(b.startswith("msgid ") for b in block):
            result.append(joined)
            continue
        block = [b for b in block if b != "#, fuzzy"]
        if any(b.startswith("msgid_plural") for b in block):
            msgid = _collect(block, "msgid ")
            plural = _collect(block, "msgid_plural ")
            head = _strip_continuations_after(block, "msgstr")
            result.append("\n".join(head + [f"msgstr[0] {msgid}", f"msgstr[1] {plural}"]))
        else:
            msgid = _collect(block, "msgid ")
            head = _strip_continuations_after(block, "msgstr")
            result.append("\n".join(head + [f"msgstr {msgid}"]))
    path.write_text("\n\n".join(result) + "\n")


def _is_header(block):
    for i, line in enumerate(block[:-1]):
        if line == 'msgid ""' and block[i + 1].startswith("msgstr"):
            return True
    return False


def _collect(block, key):
    """The quoted value of ``key`` including continuation lines, joined as one string."""
    for i, line in enumerate(block):
        if line.startswith(key):
            parts = [line[len(key) :]]
            for nxt in block[i + 1 :]:
                if nxt.startswith('"'):
                    parts.append(nxt)
                else:
                    break
            return '"' + "".join(p.strip()[1:-1] for p in parts) + '"'
    return '""'


def _strip_continuations_after(block, key):
    out, skipping = [], False
    for line in block:
        if line.startswith(key):
            skipping = True
            continue
        if skipping and line.startswith('"'):
            continue
        skipping = False
        out.append(line)
    return out


def untranslated(path):
    missing = []
    for block in parse(path.read_text()):
        if _is_header(block):
            continue
        if "#, fuzzy" in block or any(b.startswith("#,") and "fuzzy" in b for b in block):
            missing.append((_collect(block, "msgid "), "fuzzy"))
            continue
        if not any(b.startswith("msgid ") for b in block):
            continue
        strs = [b for b in block if b.startswith("msgstr")]
        for s in strs:
            idx = block.index(s)
            value = s.split(" ", 1)[1]
            cont = [b for b in block[idx + 1 : idx + 5] if b.startswith('"')]
            if value == '""' and not cont:
                missing.append((_collect(block, "msgid "), "untranslated"))
                break
    return missing


def main():
    for path in catalogues("nl"):
        fill_dutch(path)
    if "--check" in sys.argv:
        problems = [(p, m, why) for p in catalogues("en") for m, why in untranslated(p)]
        for path, msgid, why in problems:
            print(f"{path.relative_to(ROOT)}: {why}: {msgid}")
        if problems:
            sys.exit(1)


if __name__ == "__main__":
    main()
