#!/usr/bin/env python3
"""Writes the small binary documents the PDF/DOCX/ODT/format-sniffing tests read.

Run once from this folder (needs `pip install reportlab python-docx`); the outputs are committed
so the tests never need PyPI. Every file is deterministic enough to stay a few KB.

`make_fixtures.py --bench DIR` writes larger PDFs into DIR (not committed) for timing PDF
extraction against pdftotext: about 200 English pages, 100 two-column English pages, 100 Chinese pages.
"""
import io
import random
import sys
import struct
import zipfile
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

W, H = A4


def lines(c, x, y, texts, font="Helvetica", size=11, leading=14):
    c.setFont(font, size)
    for t in texts:
        c.drawString(x, y, t)
        y -= leading
    return y


def english_pdf():
    c = canvas.Canvas("english.pdf", pagesize=A4, invariant=1)
    c.setTitle("National Strategy for Trustworthy AI")
    c.setAuthor("Office of Science Policy")
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, H - 90, "National Strategy for Trustworthy AI")
    y = lines(c, 72, H - 130, [
        "This strategy commits the government to trustworthy artificial intelligence",
        "that protects human rights and privacy.",
    ])
    lines(c, 72, y - 14, [
        "Investment in computing infrastructure will grow each year.",
    ])
    c.save()


def chinese_pdf():
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas("chinese.pdf", pagesize=A4, invariant=1)
    c.setTitle("新一代人工智能发展规划")
    c.setFont("STSong-Light", 16)
    c.drawString(72, H - 90, "新一代人工智能发展规划")
    y = lines(c, 72, H - 130, [
        "加快数据中心和算力基础设施建设，",
        "推动数字经济高质量发展。",
    ], font="STSong-Light")
    lines(c, 72, y - 14, ["完善人工智能伦理规范，保护个人隐私。"], font="STSong-Light")
    c.save()


def two_page_pdf():
    """Two pages with a repeated header and footer, a page number, hyphenated line ends, and a
    two-column second page."""
    c = canvas.Canvas("two_pages.pdf", pagesize=A4, invariant=1)
    c.setTitle("Policy Paper on Data Governance")

    def frame(n):
        c.setFont("Helvetica", 9)
        c.drawString(72, H - 40, "Ministry of Examples - Policy Paper on Data Governance")
        c.drawString(72, 40, "Confidential draft for consultation")
        c.drawRightString(W - 72, 40, str(n))

    frame(1)
    y = lines(c, 72, H - 100, [
        "Sound data gov-",
        "ernance needs a well-",
        "known set of rules agreed with Sino-",
        "American partners over the long-",
        "term horizon of this plan.",
    ])
    lines(c, 72, y - 14, ["The second paragraph of page one ends here."])
    c.showPage()
    frame(2)
    lines(c, 72, H - 100, ["Left column opens the", "argument about open", "research."], size=10)
    lines(c, W / 2 + 20, H - 100, ["Right column closes", "the argument with", "shared standards."], size=10)
    c.showPage()
    c.save()


def uncompressed_pdf():
    c = canvas.Canvas("uncompressed.pdf", pagesize=A4, invariant=1, pageCompression=0)
    c.setFont("Helvetica", 11)
    c.drawString(72, H - 90, "An uncompressed PDF still is a PDF, not text.")
    c.save()


def docx():
    import docx as d
    doc = d.Document()
    doc.core_properties.title = "Digital Cooperation Plan"
    doc.core_properties.author = "Ministry of Digital Affairs"
    import datetime
    doc.core_properties.created = datetime.datetime(2023, 5, 17, 9, 30)
    doc.core_properties.modified = datetime.datetime(2023, 6, 1, 12, 0)
    doc.add_heading("Digital Cooperation Plan", level=1)
    doc.add_paragraph("Partners will build resilient supply chains for semiconductors.")
    doc.add_heading("Measures", level=2)
    p = doc.add_paragraph("We promote ")
    p.add_run("responsible innovation").bold = True
    p.add_run(" in every sector.")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Measure"
    t.cell(0, 1).text = "Budget"
    t.cell(1, 0).text = "Open data portals"
    t.cell(1, 1).text = "12 million"
    doc.add_paragraph("人工智能治理需要国际合作。")
    buf = io.BytesIO()
    doc.save(buf)
    # Rewrite with a fixed timestamp so reruns give the same bytes.
    rewrite_zip(buf.getvalue(), "sample.docx")


def rewrite_zip(data, path):
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2023, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            out.writestr(zi, src.read(info.filename))


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">
<office:body><office:text>
<text:h text:outline-level="1">Open Science Framework</text:h>
<text:p>Researchers share<text:s/>data under <text:span>open licences</text:span>.<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>See the licence annex.</text:p></text:note-body></text:note></text:p>
<text:list><text:list-item><text:p>Funders require data management plans.</text:p></text:list-item></text:list>
<table:table table:name="T1"><table:table-row><table:table-cell><text:p>Year</text:p></table:table-cell><table:table-cell><text:p>Target</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>2025</text:p></table:table-cell><table:table-cell><text:p>Half of all datasets open</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>
"""

ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">
<office:meta><dc:title>Open Science Framework</dc:title><dc:creator>Research Council</dc:creator>
<meta:creation-date>2024-02-29T10:00:00</meta:creation-date><dc:date>2024-03-04T08:00:00</dc:date><dc:language>en-GB</dc:language></office:meta>
</office:document-meta>
"""

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def odt():
    with zipfile.ZipFile("sample.odt", "w") as z:
        def put(name, text, method=zipfile.ZIP_DEFLATED):
            zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            zi.compress_type = method
            z.writestr(zi, text)
        put("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        put("content.xml", ODT_CONTENT)
        put("meta.xml", ODT_META)
        put("META-INF/manifest.xml", ODT_MANIFEST)


def unsupported():
    # Legacy Office: the OLE2 compound-file signature and a header's worth of bytes.
    with open("legacy.doc", "wb") as f:
        f.write(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))
    with open("letter.rtf", "wb") as f:
        f.write(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Human rights and privacy.\\par}\n")
    # A 1x1 PNG.
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    with open("pixel.png", "wb") as f:
        f.write(png)
    with zipfile.ZipFile("archive.zip", "w") as z:
        z.writestr(zipfile.ZipInfo("notes.txt", date_time=(2024, 1, 1, 0, 0, 0)), "Human rights.\n")


BENCH_WORDS = ("government policy data governance artificial intelligence innovation security partners "
               "standards research infrastructure privacy rights trust cooperation development economy "
               "regulation investment talent education industry science technology public sector").split()
BENCH_HAN = "人工智能数据治理创新安全合作标准研究基础设施隐私权利信任发展经济监管投资人才教育产业科学技术公共部门"


def bench_sentence(rng, han):
    if han:
        return "".join(rng.choice(BENCH_HAN) for _ in range(rng.randint(12, 24))) + "。"
    words = [rng.choice(BENCH_WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def bench_pdf(path, paragraphs, columns=1, han=False):
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
    rng = random.Random(7)
    font = "STSong-Light" if han else "Helvetica"
    if han:
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=13, spaceAfter=6)

    def decorate(c, doc):
        c.setFont(font, 8)
        c.drawString(72, H - 40, "政策文件汇编" if han else "Policy Paper - Benchmark Edition")
        c.drawRightString(W - 72, 40, str(doc.page))

    gap, width = 18, (W - 144 - 18 * (columns - 1)) / columns
    frames = [Frame(72 + i * (width + gap), 72, width, H - 144, id=f"c{i}") for i in range(columns)]
    doc = BaseDocTemplate(path, pagesize=A4, invariant=1)
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=decorate)])
    story = []
    while len(story) < paragraphs:
        story.append(Paragraph(" ".join(bench_sentence(rng, han) for _ in range(4)), style))
    doc.build(story)


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--bench":
    import os
    os.makedirs(sys.argv[2], exist_ok=True)
    bench_pdf(os.path.join(sys.argv[2], "english.pdf"), 1800)
    bench_pdf(os.path.join(sys.argv[2], "two_columns.pdf"), 880, columns=2)
    bench_pdf(os.path.join(sys.argv[2], "chinese.pdf"), 1800, han=True)
elif __name__ == "__main__":
    english_pdf()
    chinese_pdf()
    two_page_pdf()
    uncompressed_pdf()
    docx()
    odt()
    unsupported()
