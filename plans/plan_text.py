"""Parse the plain text of a printed Samarbejdsplan into its structure.

The source is text extracted from the printed plan: a cover, a table of contents with page
numbers, then the body with DEL I/DEL II, numbered headings, paragraphs, bullets (nested by one
leading space) and a run of signatories' names. The print's page breaks split some paragraphs
in two; `join_page_breaks` mends them. Nothing here touches the database, so a malformed file
is rejected before setup_site writes anything.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

TOC_TITLE = "Indhold"
TOC_LINE = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>.+?)\t+\s*(?P<page>\d+)\s*$")
HEADING = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>[A-ZÆØÅ].*)$")
PART = re.compile(r"^DEL\s+[IVX]+$")
BULLET = re.compile(r"^-\s+(?P<text>.+)$")
SUB_BULLET = re.compile(r"^\s+-\s+(?P<text>.+)$")
PERSON_NAME = re.compile(r"^[A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+){1,3}$")
YEAR = re.compile(r"^(19|20)\d{2}$")
MAX_HEADING_LENGTH = 150

# A paragraph ending in one of these words stopped mid-sentence at a page break.
DANISH_FUNCTION_WORDS = frozenset(
    "af at da de den der det eller en et for fra hos hvor i med mellem men når og om på samt "
    "som til ved".split()
)
SENTENCE_END = tuple('.:!?”"')
MONTH_NAMES = "januar februar marts april maj juni juli august september oktober november december"
DANISH_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES.split(), start=1)}


class PlanSourceError(Exception):
    """The plan file is missing or does not have the structure of a plan."""


@dataclass
class Block:
    kind: str  # "paragraph", "list" or "signatories"
    text: str = ""
    items: list = field(default_factory=list)  # list: [{"text", "sub_items"}]; signatories: names


@dataclass
class Section:
    number: str
    title: str
    part: str
    blocks: list = field(default_factory=list)

    @property
    def depth(self):
        return self.number.count(".") + 1

    @property
    def paragraphs(self):
        return [block.text for block in self.blocks if block.kind == "paragraph"]


@dataclass
class ParsedPlan:
    year: int
    cover_lines: list
    toc: list  # [(number, title)] as printed, page numbers dropped
    sections: list  # Section, in order
    parts: list  # "DEL I", "DEL II" in order

    def section(self, number):
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(number)

    def subsections(self, number):
        prefix = number + "."
        return [
            s
            for s in self.sections
            if s.number.startswith(prefix) and s.depth == number.count(".") + 2
        ]

    @property
    def parties(self):
        """The municipalities on the cover: its mixed-case lines before the plan's title."""
        names = []
        for line in self.cover_lines:
            if line.lower().startswith("samarbejdsplan"):
                break
            if not line.isupper() and not YEAR.match(line):
                names.append(line)
        return names

    @property
    def issuers(self):
        """The cover's upper-case lines as names: "Kredsrådet", "Sydøstjyllands Politi"."""
        groups, current = [], []
        for line in self.cover_lines:
            if line.isupper() and not YEAR.match(line):
                current.append(line.capitalize())
            elif current:
                groups.append(" ".join(current))
                current = []
        if current:
            groups.append(" ".join(current))
        return groups

    def find_paragraph(self, *needles):
        """The first paragraph (with its section) that contains every needle, case-insensitively."""
        for section in self.sections:
            for text in section.paragraphs:
                if all(needle.lower() in text.lower() for needle in needles):
                    return section, text
        return None, None

    @property
    def approval_statement(self):
        return self.find_paragraph("godkendt af Kredsrådet")[1] or ""

    @property
    def in_force_from(self):
        match = re.search(
            r"virkning fra (\d{1,2})\.\s+(\w+)\s+(\d{4})", self.approval_statement, re.IGNORECASE
        )
        if not match or match.group(2).lower() not in DANISH_MONTHS:
            return None
        day, month, year = match.groups()
        return datetime.date(int(year), DANISH_MONTHS[month.lower()], int(day))


def read_plan(path):
    path = Path(path)
    if not path.is_file():
        raise PlanSourceError(f"Planens tekstfil findes ikke: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanSourceError(
            f"Planens tekstfil kan ikke læses som UTF-8: {path} ({error})"
        ) from error
    return parse_plan(text)


def parse_plan(text):
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    try:
        toc_start = next(i for i, line in enumerate(lines) if line.strip() == TOC_TITLE)
    except StopIteration:
        raise PlanSourceError(
            f'Planen har ingen indholdsfortegnelse (en linje "{TOC_TITLE}").'
        ) from None

    cover_lines = [line.strip() for line in lines[:toc_start] if line.strip()]
    year = next((int(line) for line in cover_lines if YEAR.match(line)), None)
    if year is None:
        raise PlanSourceError("Planens forside nævner ikke planens år.")

    toc, body_start = [], None
    for index in range(toc_start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        match = TOC_LINE.match(line)
        if not match:
            body_start = index
            break
        toc.append((match["number"], match["title"].strip()))
    if not toc or body_start is None:
        raise PlanSourceError(
            "Indholdsfortegnelsen er tom, eller planen har ingen tekst efter den."
        )

    sections, parts = _parse_body(lines[body_start:])
    _check_against_toc(toc, sections)
    return ParsedPlan(year=year, cover_lines=cover_lines, toc=toc, sections=sections, parts=parts)


def _parse_body(lines):
    sections, parts = [], []
    current_part = ""
    section = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if PART.match(line):
            current_part = line
            parts.append(line)
            continue
        heading = HEADING.match(line)
        if heading and len(line) <= MAX_HEADING_LENGTH:
            section = Section(heading["number"], heading["title"].strip(), current_part)
            sections.append(section)
            continue
        if section is None:
            raise PlanSourceError(f'Tekst før planens første afsnit: "{line[:60]}"')
        sub_bullet, bullet = SUB_BULLET.match(raw), BULLET.match(line)
        if sub_bullet:
            last = section.blocks[-1] if section.blocks else None
            if not last or last.kind != "list":
                raise PlanSourceError(f'Et underpunkt står uden et punkt over sig: "{line[:60]}"')
            last.items[-1]["sub_items"].append(sub_bullet["text"].strip())
        elif bullet:
            item = {"text": bullet["text"].strip(), "sub_items": []}
            last = section.blocks[-1] if section.blocks else None
            if last and last.kind == "list":
                last.items.append(item)
            else:
                section.blocks.append(Block("list", items=[item]))
        else:
            section.blocks.append(Block("paragraph", text=line))
    for section in sections:
        section.blocks = _group_signatories(join_page_breaks(section.blocks))
    if not sections:
        raise PlanSourceError("Planen har ingen nummererede afsnit.")
    return sections, parts


def join_page_breaks(blocks):
    """Join paragraphs that a printed page break split in two.

    A paragraph continues in the next one when it stops mid-sentence: the next begins in lower
    case or with a parenthesis, or this one ends on a function word ("mellem", "og" …).
    """
    joined = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == block.kind == "paragraph"
            and _continues(previous.text, block.text)
        ):
            previous.text = f"{previous.text} {block.text}"
        else:
            joined.append(block)
    return joined


def _continues(text, next_text):
    if text.endswith(SENTENCE_END):
        return False
    last_word = text.rsplit(" ", 1)[-1].lower()
    first = next_text[0]
    return first.islower() or first == "(" or last_word in DANISH_FUNCTION_WORDS


def _group_signatories(blocks):
    """A run of three or more paragraphs that are each just a person's name is a signature list."""
    grouped, run = [], []

    def flush():
        if len(run) >= 3:
            grouped.append(Block("signatories", items=[b.text for b in run]))
        else:
            grouped.extend(run)
        run.clear()

    for block in blocks:
        if block.kind == "paragraph" and PERSON_NAME.match(block.text):
            run.append(block)
        else:
            flush()
            grouped.append(block)
    flush()
    return grouped


def _check_against_toc(toc, sections):
    numbers = [section.number for section in sections]
    duplicates = {number for number in numbers if numbers.count(number) > 1}
    if duplicates:
        raise PlanSourceError(f"Afsnitsnumre står flere gange i teksten: {sorted(duplicates)}")
    missing = [number for number, _title in toc if number not in numbers]
    if missing:
        raise PlanSourceError(
            f"Afsnit fra indholdsfortegnelsen mangler i teksten: {', '.join(missing)}"
        )
