"""Body images: responsive renditions in modern formats, sized, lazy, with the required alt text."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image


@pytest.fixture
def photo(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (40, 90, 160)).save(buffer, "JPEG")
    return Image.objects.create(title="Rådhus", file=ImageFile(buffer, name="raadhus.jpg"))


def test_image_block_renders_a_responsive_picture(client, public_site, photo):
    news = public_site.news
    news.body = [
        ("image", {"image": photo, "alt_text": "Horsens Rådhus set fra torvet", "caption": ""})
    ]
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S)
    assert picture, "no <picture> element"
    picture = picture.group(0)
    assert 'type="image/avif"' in picture
    assert 'type="image/webp"' in picture
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'alt="Horsens Rådhus set fra torvet"' in img
    assert 'loading="lazy"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    # Three widths offered, the phone-sized one included.
    assert re.search(r"\s400w", picture) and re.search(r"\s1200w", picture)
    assert 'sizes="(min-width: 992px) 800px, 100vw"' in picture


def test_alt_text_is_required(photo):
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import ImageBlock

    block = ImageBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": photo.pk, "alt_text": "", "caption": ""}))
