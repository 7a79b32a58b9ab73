"""The meeting pack (*vergaderstuk*): figures and tables as a PDF and a PPTX deck."""

from dashboard.documents.pack.images import render_figures
from dashboard.documents.pack.model import PackInfo, PackSection, PackTable, pack_filename
from dashboard.documents.pack.pdf import pack_pdf
from dashboard.documents.pack.slides import pack_pptx

__all__ = ["PackInfo", "PackSection", "PackTable", "pack_filename", "pack_pdf", "pack_pptx", "render_figures"]
