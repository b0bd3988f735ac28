"""Write scorer/data/words.txt: the most frequent words of jieba's own dictionary.

jieba's full dictionary (349k words) takes over a second to load in every process, which is most
of a single-report run; the 40k most frequent words keep the segmentation of report prose the
same for our purpose (splitting checklist phrases and sentences into words) and load in ~0.1 s.
The checklist's own terms are added on top at run time (scorer/words.py). Rerun after a jieba
upgrade:  python tools/build_word_dictionary.py
"""

from pathlib import Path

import jieba

KEEP = 40_000


def main() -> None:
    source = Path(jieba.__file__).with_name("dict.txt")
    entries = [line.split() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    entries.sort(key=lambda entry: (-int(entry[1]), entry[0]))
    target = Path(__file__).resolve().parent.parent / "scorer" / "data" / "words.txt"
    target.write_text("".join(f"{word} {freq}\n" for word, freq, *_ in entries[:KEEP]), encoding="utf-8")
    print(f"wrote {KEEP} of {len(entries)} words to {target}")


if __name__ == "__main__":
    main()
