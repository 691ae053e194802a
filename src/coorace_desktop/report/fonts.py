"""The embedded font of every PDF (DejaVu Sans), its subset made once for many files.

ReportLab embeds in each PDF the glyphs the file uses, numbered in the order the file first
uses them, and compresses them with their widths and text map: ~4 ms a file, when a fee letter's
own layout takes under 1 ms (10,000 calls written one file each spent most of their time
there). Here each file's subset starts with the same characters (ASCII, as ReportLab's own, then
the usual French and typographic ones), so French letters share one subset whose objects are
made and compressed once per process; a file using any other character extends its subset as
before, and that subset is made for it."""

import zlib
from functools import lru_cache

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, TTFontFace, makeToUnicodeCMap

# Assigned first in every file, after ASCII: the letters of French and the signs of its typography.
COMMON = "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»€°’‘“”–—…·×"


class Preformatted(pdfdoc.PDFObject):
    """An object already written as PDF (a subset's widths)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document):
        return self.data


class SharedSubsetFont(TTFont):
    """A TrueType font whose subsets start alike in every file and are made once (see above)."""

    def _seeded(self, doc) -> None:
        if doc not in self.state:
            super().splitString(COMMON, doc)

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab's names)
        self._seeded(doc)
        return super().splitString(text, doc, encoding)

    def getSubsetInternalName(self, subset, doc):  # noqa: N802
        self._seeded(doc)
        return super().getSubsetInternalName(subset, doc)

    def addObjects(self, doc):  # noqa: N802
        """ReportLab's TTFont.addObjects, each subset's widths, text map and glyphs made once."""
        self._seeded(doc)
        state = self.state[doc]
        state.frozen = 1
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_name = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            made = _subset(self.face, base_name, tuple(subset), bool(doc.compression))
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {number}"
            font.Name, font.BaseFont = internal_name, base_name
            font.FirstChar, font.LastChar = 0, len(subset) - 1
            font.Widths = Preformatted(made.widths)
            font.ToUnicode = doc.Reference(_stream(made.cmap, made.compressed), "toUnicodeCMap:" + base_name)
            program = _stream(made.glyphs, made.compressed)
            program.dictionary["Length1"] = made.glyphs_length
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor", "Ascent": self.face.ascent, "CapHeight": self.face.capHeight,
                "Descent": self.face.descent, "Flags": (self.face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(self.face.bbox), "FontName": pdfdoc.PDFName(base_name),
                "ItalicAngle": self.face.italicAngle, "StemV": self.face.stemV,
                "FontFile2": doc.Reference(program, f"fontFile:{self.face.filename}({base_name})"),
                "MissingWidth": self.face.defaultWidth,
            })
            font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + base_name)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]


class _Subset:
    def __init__(self, face: TTFontFace, base_name: str, subset: tuple[int, ...], compressed: bool) -> None:
        self.widths = pdfdoc.PDFArray([face.getCharWidth(code) for code in subset]).format(None)
        self.compressed = compressed
        cmap = makeToUnicodeCMap(base_name, subset).encode("latin-1")
        glyphs = face.makeSubset(subset)
        self.glyphs_length = len(glyphs)
        self.cmap, self.glyphs = (zlib.compress(cmap), zlib.compress(glyphs)) if compressed else (cmap, glyphs)


@lru_cache(maxsize=32)
def _subset(face: TTFontFace, base_name: str, subset: tuple[int, ...], compressed: bool) -> _Subset:
    return _Subset(face, base_name, subset, compressed)


def _stream(content: bytes, compressed: bool) -> pdfdoc.PDFStream:
    """A stream of `content`, compressed already when `compressed` (ReportLab then leaves it)."""
    stream = pdfdoc.PDFStream(content=content)
    if compressed:
        stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    return stream
