"""The shared block library: every page's body is built from these.

Apps add only the blocks they alone use (focus/blocks.py for advice steps and checklists,
plans/blocks.py for the plan's own structure) and reuse BodyStreamBlock for the rest.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.pages import live_pages_in_order, site_pages
from home.rich_text_cleaning import clean_rich_text

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Overskrift", max_length=200)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Overskrift 2"), ("h3", "Overskrift 3"), ("h4", "Overskrift 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Overskrift"
        template = "home/blocks/heading_block.html"
        description = "En overskrift, der deler teksten op. Brug niveauerne i rækkefølge."
        preview_value = {"text": "Sådan sikrer du dit hjem", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        # The API's ?rich_text_format=html is the reader's HTML: cleaned as the page's is.
        representation = super().get_api_representation(value, context)
        request = context and context.get("request")
        asked = request.GET.get("rich_text_format") if request is not None else None
        if APIRichText.resolve_format(asked) == APIRichText.FORMAT_HTML:
            return clean_rich_text(representation)
        return representation

    class Meta:
        icon = "pilcrow"
        label = "Tekst"
        template = "home/blocks/paragraph_block.html"
        description = "Brødtekst med fed, kursiv, links og lister."
        preview_value = (
            "<p>Samarbejdet med lokalsamfundet er rygraden i det forebyggende arbejde.</p>"
        )


class ListItemBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Punkt", max_length=1000)
    sub_items = blocks.ListBlock(
        blocks.CharBlock(label="Underpunkt", max_length=1000),
        label="Underpunkter",
        required=False,
        default=[],
    )

    class Meta:
        icon = "list-ul"
        label = "Punkt"


class BulletListBlock(blocks.StructBlock):
    """A bulleted list whose items may have their own sub-items (the plan nests one level)."""

    items = blocks.ListBlock(ListItemBlock(), label="Punkter", min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Punktopstilling"
        template = "home/blocks/bullet_list_block.html"
        description = "En punktopstilling, hvor hvert punkt kan have underpunkter."
        preview_value = {
            "items": [
                {"text": "Den generelle indsats", "sub_items": ["retter sig mod børn og unge"]},
                {"text": "Den specifikke indsats", "sub_items": []},
            ]
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citat")
    attribution = blocks.CharBlock(label="Kilde", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Citat"
        template = "home/blocks/quote_block.html"
        description = "Et citat med kilde."
        preview_value = {
            "quote": "Tryghed, sikkerhed og tilgængelighed – Et borgernært, effektivt og "
            "professionelt politi",
            "attribution": "Politiets virksomhedsstrategi 2016-2020",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Billede")
    alt_text = blocks.CharBlock(
        label="Alternativ tekst",
        max_length=250,
        help_text="Beskriv, hvad billedet viser, for dem der ikke kan se det. Skal udfyldes.",
    )
    caption = blocks.CharBlock(label="Billedtekst", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Billede"
        template = "home/blocks/image_block.html"
        description = "Et billede med obligatorisk alternativ tekst og valgfri billedtekst."


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokument")
    title = blocks.CharBlock(
        label="Linktekst", required=False, max_length=200, help_text="Tom: dokumentets titel."
    )

    class Meta:
        icon = "doc-full"
        label = "Dokument"
        template = "home/blocks/document_block.html"
        description = "Et link til et dokument med filtype og størrelse."


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Overskrift", max_length=200)
    text = blocks.TextBlock(label="Tekst", required=False)
    page = blocks.PageChooserBlock(label="Side", required=False)
    url = blocks.URLBlock(label="Ekstern adresse", required=False)
    link_text = blocks.CharBlock(label="Knaptekst", max_length=100)

    class Meta:
        icon = "pick"
        label = "Opfordring"
        template = "home/blocks/call_to_action_block.html"
        description = "En fremhævet boks med en knap til en side eller adresse."
        preview_value = {
            "title": "Trygheds- og Indbrudsprojektet",
            "text": "Grundejerforeninger kan få vejledning om skalsikring, tryghedsvandring "
            "og nabohjælp.",
            "url": "https://example.org/",
            "link_text": "Læs om projektet",
        }

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            message = "Vælg enten en side eller en ekstern adresse (præcis én af dem)."
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ErrorList([ValidationError(message)]),
                    "url": ErrorList([ValidationError(message)]),
                }
            )
        return value


class KeyFactBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="Tal eller nøgleord", max_length=40)
    label = blocks.CharBlock(label="Forklaring", max_length=200)


class KeyFactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Overskrift", required=False, max_length=200)
    facts = blocks.ListBlock(KeyFactBlock(), label="Nøgletal", min_num=1)

    class Meta:
        icon = "table"
        label = "Nøgletal"
        template = "home/blocks/key_facts_block.html"
        description = "Nogle få tal eller fakta, fremhævet."
        preview_value = {
            "title": "Kredsrådet",
            "facts": [{"value": "7", "label": "kommuner i politikredsen"}],
        }


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    bullet_list = BulletListBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    key_facts = KeyFactsBlock()

    class Meta:
        label = "Indhold"


class FeaturedPagesBlock(blocks.StructBlock):
    """Pages an editor puts forward on the home page, each shown as a card."""

    heading = blocks.CharBlock(label="Overskrift", max_length=200)
    pages = blocks.ListBlock(blocks.PageChooserBlock(label="Side"), label="Sider", min_num=1)
    link = blocks.PageChooserBlock(
        label="Link til alle",
        required=False,
        help_text="Valgfrit: en oversigtsside, der vises som et link under kortene.",
    )

    class Meta:
        icon = "pick"
        label = "Udvalgte sider"
        template = "home/blocks/featured_pages_block.html"
        description = "En overskrift og de sider, der skal fremhæves under den, som kort."
        preview_value = {"heading": "Det kan du gøre", "pages": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["cards"] = live_pages_in_order([page.pk for page in value["pages"] if page])
        return context


class LatestItemsBlock(blocks.StructBlock):
    """A live listing on the home page: the newest items of an index page the editor picks.

    The index page decides what its newest items are (ListingPage.latest_items: the latest
    news, the next conferences), so this block knows no page type of any app.
    """

    heading = blocks.CharBlock(label="Overskrift", max_length=200)
    index_page = blocks.PageChooserBlock(
        label="Oversigtsside",
        help_text="Siden, hvis nyeste indhold skal vises (f.eks. Nyheder eller Kommuner, der "
        "viser de kommende konferencer).",
    )
    count = blocks.IntegerBlock(label="Antal", min_value=1, max_value=12, default=3)

    class Meta:
        icon = "list-ul"
        label = "Nyeste indhold"
        template = "home/blocks/latest_items_block.html"
        description = "De nyeste sider under en oversigtsside, opdateret af sig selv."
        preview_value = {"heading": "Nyheder", "count": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        index_page = value.get("index_page")
        items, index = [], None
        if index_page is not None:
            # Deferred: only its page fields are shown, and latest_items needs its place in
            # the tree, so the specific type's own row is never read.
            index = (
                site_pages().live().public().filter(pk=index_page.pk).specific(defer=True).first()
            )
        if index is not None:
            latest = getattr(index, "latest_items", None)
            items = list(latest(value["count"])) if latest else []
        context["index"] = index
        context["items"] = items
        return context


class HomeSectionsBlock(blocks.StreamBlock):
    featured_pages = FeaturedPagesBlock()
    latest_items = LatestItemsBlock()

    class Meta:
        label = "Forsidens sektioner"
