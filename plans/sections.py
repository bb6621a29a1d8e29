"""A PlanPage's body as its numbered sections, in plain data: what the API returns and what the
comparison of two years works on.

Each section: number, display number, title, anchor, part, and its blocks in order, each a
paragraph (text), a list (items with sub-items), signatories (names) or another block's text.
"""

from html import unescape

from django.utils.html import strip_tags

from plans.blocks import anchor_for_number, display_number


def plain_text(html):
    return " ".join(unescape(strip_tags(html or "")).split())


def _block_data(block):
    kind, value = block.block_type, block.value
    if kind == "paragraph":
        return {"kind": "paragraph", "text": plain_text(value.source)}
    if kind == "bullet_list":
        items = [
            {"text": item["text"], "sub_items": list(item["sub_items"])} for item in value["items"]
        ]
        return {"kind": "list", "items": items}
    if kind == "signatories":
        return {"kind": "signatories", "items": list(value["names"])}
    # Any other block an editor added: its text, so the comparison and the API miss nothing.
    return {"kind": kind, "text": plain_text(block.render())}


def plan_sections(body):
    """The numbered sections of a plan body (a StreamValue); text before the first section is
    kept in a section without number."""
    sections, part, current = [], "", None
    for block in body:
        if block.block_type == "part":
            part = block.value["label_text"]
            continue
        if block.block_type == "section":
            number = block.value["number"]
            current = {
                "number": number,
                "display_number": display_number(number),
                "title": block.value["title"],
                "anchor": anchor_for_number(number),
                "part": part,
                "blocks": [],
            }
            sections.append(current)
            continue
        if current is None:
            current = {
                "number": "",
                "display_number": "",
                "title": "",
                "anchor": "",
                "part": part,
                "blocks": [],
            }
            sections.append(current)
        current["blocks"].append(_block_data(block))
    return sections


def block_texts(section):
    """A section's text as a list of units to compare: paragraphs, and each bullet and
    sub-bullet on its own (marked so that a paragraph turned into a bullet shows)."""
    texts = []
    for block in section["blocks"]:
        if block["kind"] == "list":
            for item in block["items"]:
                texts.append(f"• {item['text']}")
                texts.extend(f"  – {sub}" for sub in item["sub_items"])
        elif block["kind"] == "signatories":
            texts.append(", ".join(block["items"]))
        else:
            texts.append(block["text"])
    return texts


def section_bullets(section):
    return [
        item for block in section["blocks"] if block["kind"] == "list" for item in block["items"]
    ]


def section_text(section):
    return "\n\n".join(
        block["text"] for block in section["blocks"] if block["kind"] not in ("list", "signatories")
    )
