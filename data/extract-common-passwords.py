#!/usr/bin/python3
"""Writes data/common-passwords.txt: the 10,000 most common breached passwords, most common first.

Provenance: the "passwords" frequency list of zxcvbn (Dropbox's password strength estimator),
as shipped by Debian's python3-zxcvbn package (zxcvbn-python 4.4.28). zxcvbn built that list
from leaked password corpora (mainly the Xato 10-million-password release), ranked by how often
each password occurs. Licence: MIT, Copyright (c) 2012-2013 Dropbox, Inc. and 2016 Daniel Wolf
(see /usr/share/doc/python3-zxcvbn/copyright); the derived list keeps that licence.

Usage (Debian): apt-get install python3-zxcvbn && /usr/bin/python3 data/extract-common-passwords.py
The output is one password a line, lowercase, rank order, no duplicates; the server's loader
(core/crypto/password.hpp) compares case-insensitively against it.
"""
import pathlib
import sys

from zxcvbn.frequency_lists import FREQUENCY_LISTS

COUNT = 10_000


def main() -> int:
    out = pathlib.Path(__file__).resolve().parent / "common-passwords.txt"
    seen = set()
    ranked = []
    for word in FREQUENCY_LISTS["passwords"]:
        word = word.strip().lower()
        # A line-oriented file cannot hold a newline; an empty entry would match nothing useful.
        if not word or "\n" in word or word in seen:
            continue
        seen.add(word)
        ranked.append(word)
        if len(ranked) == COUNT:
            break
    if len(ranked) < COUNT:
        print(f"only {len(ranked)} passwords in the zxcvbn list", file=sys.stderr)
        return 1
    out.write_text("\n".join(ranked) + "\n", encoding="utf-8")
    print(f"wrote {len(ranked)} passwords to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
