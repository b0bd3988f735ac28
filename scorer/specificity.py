"""Is a sentence specific? Reviewers complain about reports that assert without figures or cases.

A sentence is specific when it carries a figure (a number with a unit or measure word, a
percentage, a count of cases, people or documents) or names a document (《…》). Dates and
the year of a plan (2020年, 12月) are not figures; ordinals in headings (一、 1.) are not either.
"""

from __future__ import annotations

import re

# \d\d* rather than \d+: a pattern opening with a character class, not a repeat, lets a search skip
# ahead to the next digit instead of trying every character.
_NUMBER = r"\d\d*(?:\.\d+)?(?:万|亿|千|百)?"
_UNIT = (
    r"(?:%|‰|个|件|项|人次|人|次|名|家|所|条|份|场|部|处|批|期|支|户|起|宗|册|篇|卷|种|类|本|套|台|"
    r"元|万元|亿元|平方米|平米|公里|天|小时|个工作日|工作日|学时|分钟|余|多)"
)
FIGURE = re.compile(rf"{_NUMBER}{_UNIT}")
DOCUMENT = re.compile(r"《[^《》]{2,60}》")


def figures(text: str) -> list[str]:
    return FIGURE.findall(text)


def documents(text: str) -> list[str]:
    return DOCUMENT.findall(text)
