"""What changed from one year's plan to the next: sections added, removed, renumbered and
changed, matched by number and title, and the changed words inside each changed paragraph.

Sections are matched in three passes: the same number with the same (or nearly the same)
title; then the same title under another number (renumbered); then the same number under
another title when the text is still largely the same (retitled). What is left is removed
(old) or added (new). Paragraphs are aligned with difflib, and the words of a changed one are
diffed word by word. The result is plain data (the API returns it as it is); `segments_html`
marks it up with <ins>/<del> and visually hidden "indsat:"/"slettet:" for screen readers.
"""

import difflib
import re
from dataclasses import asdict, dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from plans.plan_text import comparable_title, number_key
from plans.sections import block_texts

TITLE_MATCH = 0.8  # titles this similar are the same section ("Tryghed." / "Tryghed")
TEXT_MATCH = 0.5  # a retitled section whose text is at least this similar is the same section
TOKEN = re.compile(r"\s+|[^\s]+")

STATUS_LABELS = {
    "added": "Nyt afsnit",
    "removed": "Udgået afsnit",
    "renumbered": "Nyt nummer",
    "changed": "Ændret",
    "unchanged": "Uændret",
}


@dataclass
class ParagraphChange:
    kind: str  # "added", "removed" or "changed"
    segments: list  # [{"op": "equal" | "insert" | "delete", "text": ...}]


@dataclass
class SectionChange:
    status: str  # a key of STATUS_LABELS
    old_number: str = ""
    new_number: str = ""
    old_title: str = ""
    new_title: str = ""
    anchor: str = ""
    text_changed: bool = False
    title_changed: bool = False
    paragraphs: list = field(default_factory=list)  # ParagraphChange

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def number(self):
        return self.new_number or self.old_number

    @property
    def title(self):
        return self.new_title or self.old_title

    @property
    def title_segments(self):
        return word_diff(self.old_title, self.new_title)


@dataclass
class Comparison:
    old_year: int | None
    new_year: int | None
    sections: list  # SectionChange, in the new plan's order, removed ones where they stood

    def of_status(self, status):
        return [section for section in self.sections if section.status == status]

    @property
    def added(self):
        return self.of_status("added")

    @property
    def removed(self):
        return self.of_status("removed")

    @property
    def renumbered(self):
        return self.of_status("renumbered")

    @property
    def changed(self):
        return [s for s in self.sections if s.status == "changed" or s.text_changed]

    @property
    def differences(self):
        return [section for section in self.sections if section.status != "unchanged"]

    def as_data(self):
        return {
            "old_year": self.old_year,
            "new_year": self.new_year,
            "sections": [
                {**asdict(section), "label": section.label} for section in self.differences
            ],
        }


def word_diff(old, new):
    """The words of `new` against `old` as segments: equal, insert, delete."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(segments, "equal", "".join(old_tokens[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(segments, "delete", "".join(old_tokens[i1:i2]))
        if op in ("insert", "replace"):
            _add(segments, "insert", "".join(new_tokens[j1:j2]))
    return segments


def _add(segments, op, text):
    if not text:
        return
    if op != "equal" and not text.strip():
        op = "equal"  # changed whitespace alone is no change to mark
    if segments and segments[-1]["op"] == op:
        segments[-1]["text"] += text
    else:
        segments.append({"op": op, "text": text})


def segments_html(segments):
    """<ins>/<del> with the change said in words for screen readers and without colour."""
    parts = []
    for segment in segments:
        text = escape(segment["text"])
        if segment["op"] == "insert":
            parts.append(
                f'<ins><span class="sr-only">[indsat: </span>{text}'
                '<span class="sr-only">]</span></ins>'
            )
        elif segment["op"] == "delete":
            parts.append(
                f'<del><span class="sr-only">[slettet: </span>{text}'
                '<span class="sr-only">]</span></del>'
            )
        else:
            parts.append(text)
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above


def _similar(first, second):
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def _title_similarity(old, new):
    return _similar(comparable_title(old["title"]), comparable_title(new["title"]))


def _text_similarity(old, new):
    return _similar(" ".join(block_texts(old)), " ".join(block_texts(new)))


def _paragraph_changes(old, new):
    old_texts, new_texts = block_texts(old), block_texts(new)
    matcher = difflib.SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace":
            pairs = list(zip(old_texts[i1:i2], new_texts[j1:j2], strict=False))
            for old_text, new_text in pairs:
                changes.append(ParagraphChange("changed", word_diff(old_text, new_text)))
            for old_text in old_texts[i1 + len(pairs) : i2]:
                changes.append(ParagraphChange("removed", [{"op": "delete", "text": old_text}]))
            for new_text in new_texts[j1 + len(pairs) : j2]:
                changes.append(ParagraphChange("added", [{"op": "insert", "text": new_text}]))
        elif op == "delete":
            for old_text in old_texts[i1:i2]:
                changes.append(ParagraphChange("removed", [{"op": "delete", "text": old_text}]))
        else:
            for new_text in new_texts[j1:j2]:
                changes.append(ParagraphChange("added", [{"op": "insert", "text": new_text}]))
    return changes


def _pair(old, new):
    paragraphs = _paragraph_changes(old, new)
    title_changed = comparable_title(old["title"]) != comparable_title(new["title"])
    renumbered = old["number"] != new["number"]
    text_changed = bool(paragraphs)
    if renumbered:
        status = "renumbered"
    elif text_changed or title_changed:
        status = "changed"
    else:
        status = "unchanged"
    return SectionChange(
        status=status,
        old_number=old["number"],
        new_number=new["number"],
        old_title=old["title"],
        new_title=new["title"],
        anchor=new["anchor"],
        text_changed=text_changed,
        title_changed=title_changed,
        paragraphs=paragraphs,
    )


def compare_sections(old_sections, new_sections, old_year=None, new_year=None):
    old_sections = [s for s in old_sections if s["number"]]
    new_sections = [s for s in new_sections if s["number"]]
    pairs, old_left, new_left = {}, list(old_sections), list(new_sections)

    def match(accept):
        for new in list(new_left):
            candidates = [old for old in old_left if accept(old, new)]
            if candidates:
                old = max(candidates, key=lambda candidate: _title_similarity(candidate, new))
                pairs[id(new)] = (old, new)
                old_left.remove(old)
                new_left.remove(new)

    match(lambda o, n: o["number"] == n["number"] and _title_similarity(o, n) >= TITLE_MATCH)
    match(lambda o, n: _title_similarity(o, n) >= TITLE_MATCH)
    match(lambda o, n: o["number"] == n["number"] and _text_similarity(o, n) >= TEXT_MATCH)

    changes = []
    for new in new_sections:
        if id(new) in pairs:
            changes.append(_pair(*pairs[id(new)]))
        else:
            changes.append(
                SectionChange(
                    status="added",
                    new_number=new["number"],
                    new_title=new["title"],
                    anchor=new["anchor"],
                    paragraphs=[
                        ParagraphChange("added", [{"op": "insert", "text": text}])
                        for text in block_texts(new)
                    ],
                )
            )
    for old in old_left:
        removed = SectionChange(
            status="removed",
            old_number=old["number"],
            old_title=old["title"],
            paragraphs=[
                ParagraphChange("removed", [{"op": "delete", "text": text}])
                for text in block_texts(old)
            ],
        )
        # Where it stood: before the first section that followed it in the old plan.
        position = next(
            (
                index
                for index, change in enumerate(changes)
                if change.old_number and number_key(change.old_number) > number_key(old["number"])
            ),
            len(changes),
        )
        changes.insert(position, removed)
    return Comparison(old_year=old_year, new_year=new_year, sections=changes)


def compare_plans(old_page, new_page):
    """The comparison of two PlanPages (each as given: live page or a revision's object)."""
    return compare_sections(
        old_page.sections, new_page.sections, old_year=old_page.year, new_year=new_page.year
    )
