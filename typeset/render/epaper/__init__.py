"""The e-paper (数字报/电子版): a static site from the same composition as the print PDF.

In: the composed `Document`, the `Edition` model, the composition's article parts and the
PDF written from that document. Out: a folder with page images, hot zones over every article
part, article pages and epaper.json (`site.write_site`). Modules: parts (input), boxes and
zones (hot-zone polygons), articles (text from the model), images (pypdfium2, Pillow),
catalog (epaper.json), html and assets (the views), site (writes it all).
"""

from typeset.render.epaper.parts import ArticlePart
from typeset.render.epaper.site import CATALOG, write_site

__all__ = ["ArticlePart", "CATALOG", "write_site"]
