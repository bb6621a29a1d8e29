"""The shared block library and the plan's own blocks: validation, and the editor's metadata."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from focus.blocks import AdviceStreamBlock
from home.blocks import BodyStreamBlock, CallToActionBlock, ImageBlock
from municipalities.blocks import CollaborationBlock, ProgrammeItemBlock
from plans.blocks import PlanBodyStreamBlock, PlanSectionBlock, anchor_for_number

CTA_MESSAGE = "Vælg enten en side eller en ekstern adresse (præcis én af dem)."


def cta_value(page=None, url=""):
    block = CallToActionBlock()
    return block, block.to_python(
        {"title": "Læs om projektet", "text": "", "page": page, "url": url, "link_text": "Læs"}
    )


def block_error_messages(error, name):
    return error.block_errors[name].messages


# -- CallToActionBlock: exactly one of page and url ------------------------------------------


@pytest.mark.django_db
def test_call_to_action_with_a_page_is_valid(page_tree):
    block, value = cta_value(page=page_tree.plan.pk)
    assert block.clean(value)["page"].pk == page_tree.plan.pk


def test_call_to_action_with_a_url_is_valid():
    block, value = cta_value(url="https://example.org/")
    assert block.clean(value)["url"] == "https://example.org/"


def test_call_to_action_with_neither_is_refused_in_danish():
    block, value = cta_value()
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(value)
    assert block_error_messages(caught.value, "page") == [CTA_MESSAGE]
    assert block_error_messages(caught.value, "url") == [CTA_MESSAGE]


@pytest.mark.django_db
def test_call_to_action_with_both_is_refused_in_danish(page_tree):
    block, value = cta_value(page=page_tree.plan.pk, url="https://example.org/")
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(value)
    assert block_error_messages(caught.value, "page") == [CTA_MESSAGE]


# -- ImageBlock: the alternative text is required --------------------------------------------


@pytest.mark.django_db
def test_image_block_requires_alt_text():
    image = ImageFactory(file=get_test_image_file())
    block = ImageBlock()
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert set(caught.value.block_errors) == {"alt_text"}

    value = block.clean(
        block.to_python({"image": image.pk, "alt_text": "Et hus med alarm", "caption": ""})
    )
    assert value["alt_text"] == "Et hus med alarm"
    assert value["image"].pk == image.pk


# -- PlanSectionBlock: the number's format ---------------------------------------------------


@pytest.mark.parametrize("number", ["3", "3.1", "3.1.2", "10.12"])
def test_plan_section_number_accepted(number):
    block = PlanSectionBlock()
    assert block.clean({"number": number, "title": "Afsnit"})["number"] == number


@pytest.mark.parametrize("number", ["3.", "3.1.", ".3", "3..1", "a", "3.a", "3 1", "DEL I"])
def test_plan_section_number_refused(number):
    block = PlanSectionBlock()
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(block.to_python({"number": number, "title": "Afsnit"}))
    assert block_error_messages(caught.value, "number") == [
        "Skriv nummeret som 3, 3.1 eller 3.1.2."
    ]


def test_plan_section_context_gives_anchor_and_heading_level():
    block = PlanSectionBlock()
    context = block.get_context(block.to_python({"number": "3.1.2", "title": "Indbrud"}))
    assert context["anchor"] == "3-1-2"
    assert context["heading_level"] == 4
    assert anchor_for_number("3.") == "3"


def test_collaboration_plan_section_regex():
    block = CollaborationBlock()
    value = {"name": "SSP", "description": "<p>x</p>", "plan_section": "6.x"}
    with pytest.raises(blocks.StructBlockValidationError) as caught:
        block.clean(block.to_python(value))
    assert set(caught.value.block_errors) == {"plan_section"}


# -- every block an editor can pick has an icon, a description and a preview ---------------


def _stream_children():
    for stream_block in (BodyStreamBlock(), PlanBodyStreamBlock(), AdviceStreamBlock()):
        for name, child in stream_block.child_blocks.items():
            yield pytest.param(child, id=f"{type(stream_block).__name__}.{name}")
    yield pytest.param(CollaborationBlock(), id="CollaborationBlock")
    yield pytest.param(ProgrammeItemBlock(), id="ProgrammeItemBlock")


STREAM_CHILDREN = list(_stream_children())


# Chooser blocks cannot have a static preview value: it would need an image/document in the DB.
CHOOSER_BLOCKS = {"ImageBlock", "DocumentBlock"}


@pytest.mark.parametrize("block", STREAM_CHILDREN)
def test_block_has_icon_description_and_template(block):
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.description
    assert block.meta.template


@pytest.mark.parametrize("block", STREAM_CHILDREN)
def test_block_preview_value_is_valid(block):
    if type(block).__name__ in CHOOSER_BLOCKS:
        assert getattr(block.meta, "preview_value", None) is None
        return
    preview = block.get_preview_value()
    assert preview, f"{type(block).__name__} has no preview_value"
    try:
        block.clean(block.normalize(preview))
    except ValidationError as error:  # pragma: no cover - the assertion message shows why
        pytest.fail(f"{type(block).__name__}.preview_value does not validate: {error}")


def test_body_stream_block_offers_the_shared_blocks():
    assert list(BodyStreamBlock().child_blocks) == [
        "heading",
        "paragraph",
        "bullet_list",
        "quote",
        "image",
        "document",
        "call_to_action",
        "key_facts",
    ]
    assert set(PlanBodyStreamBlock().child_blocks) - set(BodyStreamBlock().child_blocks) == {
        "part",
        "section",
        "signatories",
    }
