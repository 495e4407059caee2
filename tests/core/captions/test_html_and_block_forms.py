"""Captions rendered as HTML (wp-caption div/figure/dl, plain figure) and Gutenberg blocks."""

from __future__ import annotations

from desktop.core.captions import parse_text


def _records(text: str):
    return parse_text(text, "page.html").records


def test_wp_caption_div_with_nested_wrapper_div() -> None:
    (record,) = _records(
        '<div id="attachment_12" class="wp-caption alignright" style="width: 410px">'
        '<div class="img-wrap"><img src="w.jpg" alt="W" width="400" /></div>'
        '<p class="wp-caption-text">Flood waters rise. REUTERS/Jane Roe</p></div><p>Body</p>'
    )
    assert (record.markup, record.attachment_id, record.align, record.width) == (
        "wp-html",
        12,
        "alignright",
        400,
    )
    assert (record.text, record.credit, record.image_alt) == (
        "Flood waters rise.",
        "REUTERS/Jane Roe",
        "W",
    )


def test_width_falls_back_to_the_container_style() -> None:
    (record,) = _records(
        '<figure class="wp-caption alignnone" style="width: 640px"><img src="a.jpg" alt="">'
        '<figcaption class="wp-caption-text">Text</figcaption></figure>'
    )
    assert (record.markup, record.width, record.attachment_id) == ("wp-html", 640, None)


def test_figcaption_credit_span_is_the_credit() -> None:
    (record,) = _records(
        "<figure><img src='p.jpg' alt='A'><figcaption>Leaders meet in Brussels "
        "<cite class='credit'>(Photo: Getty Images)</cite></figcaption></figure>"
    )
    assert (record.markup, record.text, record.credit, record.agency) == (
        "figure",
        "Leaders meet in Brussels",
        "Getty Images",
        "Getty Images",
    )


def test_figure_without_caption_or_image_is_not_a_caption() -> None:
    assert (
        _records("<figure><img src='x.jpg'></figure><figure><figcaption>t</figcaption></figure>")
        == ()
    )
    assert _records("<div class='entry'><p>Text</p></div>") == ()


def test_plain_rendered_block_figure_keeps_the_attachment_id_from_its_class() -> None:
    (record,) = _records(
        '<figure class="wp-block-image size-large"><img src="r.jpg" alt="" class="wp-image-77"/>'
        '<figcaption class="wp-element-caption">Rendered block</figcaption></figure>'
    )
    assert (record.markup, record.attachment_id, record.text) == ("figure", 77, "Rendered block")


def test_gutenberg_image_block_takes_id_align_and_width_from_json() -> None:
    (record,) = _records(
        'x\n<!-- wp:image {"id":123,"width":800,"align":"center","linkDestination":"none"} -->\n'
        '<figure class="wp-block-image aligncenter"><img src="g.jpg" alt="G" class="wp-image-123"/>'
        "<figcaption>Block text. EPA-EFE/MAXIM SHIPENKOV</figcaption></figure>\n<!-- /wp:image -->\n"
    )
    assert (record.markup, record.line, record.attachment_id, record.align, record.width) == (
        "gutenberg",
        2,
        123,
        "aligncenter",
        800,
    )
    assert (record.credit, record.agency, record.photographer) == (
        "EPA-EFE/MAXIM SHIPENKOV",
        "EPA-EFE",
        "MAXIM SHIPENKOV",
    )


def test_gutenberg_image_without_caption_and_self_closing_blocks_give_nothing() -> None:
    text = (
        '<!-- wp:image {"id":1} -->\n<figure class="wp-block-image"><img src="a.jpg"/></figure>\n'
        '<!-- /wp:image -->\n<!-- wp:image {"id":2} /-->\n'
    )
    result = parse_text(text, "p.html")
    assert result.records == () and result.warnings == ()


def test_broken_block_json_still_gives_the_caption_and_a_warning() -> None:
    result = parse_text(
        '<!-- wp:image {"id":5,"sizeSlug": } -->\n<figure><img src="a.jpg"/><figcaption>Text'
        "</figcaption></figure>\n<!-- /wp:image -->",
        "p.html",
    )
    assert [(r.attachment_id, r.text) for r in result.records] == [(5, "Text")]
    assert [w.line for w in result.warnings] == [1]


def test_new_gallery_reads_each_inner_image_block() -> None:
    text = (
        '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-images">'
        '\n<!-- wp:image {"id":21} -->\n<figure class="wp-block-image"><img src="1.jpg" alt="" '
        'class="wp-image-21"/><figcaption>One</figcaption></figure>\n<!-- /wp:image -->\n'
        '<!-- wp:image {"id":22} -->\n<figure class="wp-block-image"><img src="2.jpg" alt=""/>'
        "<figcaption>Two</figcaption></figure>\n<!-- /wp:image -->\n"
        '<figcaption class="blocks-gallery-caption">Gallery</figcaption></figure>\n<!-- /wp:gallery -->\n'
    )
    records = _records(text)
    assert [(r.markup, r.attachment_id, r.text, r.line) for r in records] == [
        ("gutenberg", 21, "One", 3),
        ("gutenberg", 22, "Two", 6),
    ]


def test_old_gallery_takes_ids_from_the_block_when_images_lack_them() -> None:
    text = (
        '<!-- wp:gallery {"ids":[31,32]} -->\n<figure class="wp-block-gallery"><ul>'
        '<li class="blocks-gallery-item"><figure><img src="1.jpg"/><figcaption>One</figcaption>'
        '</figure></li><li class="blocks-gallery-item"><figure><img src="2.jpg" data-id="99"/>'
        "<figcaption>Two</figcaption></figure></li></ul></figure>\n<!-- /wp:gallery -->"
    )
    assert [(r.attachment_id, r.text) for r in _records(text)] == [(31, "One"), (99, "Two")]
