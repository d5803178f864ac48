"""Stage 0 (I/O): read edition manifests, layout templates, font roles and story files.

The only package that imports yaml. Every user mistake becomes a Diagnostic with file, line,
column and a fix; nothing else in typeset reads user files.

    load_edition(path) -> (Edition, warnings)        edition.yaml or its folder
    load_layout(name, project_root) -> Layout        layouts/<name>.yaml
    load_layout_with_warnings(name, project_root) -> (Layout, warnings)
    load_story(path) -> Story                        Markdown + YAML front matter
    scaffold_edition(folder, layout, date, pages, project_root) -> [written paths]
"""

from typeset.manifest.edition_file import load_edition
from typeset.manifest.layout_file import load_layout, load_layout_with_warnings
from typeset.manifest.scaffold import scaffold_edition
from typeset.manifest.story_file import load_story

__all__ = ["load_edition", "load_layout", "load_layout_with_warnings", "load_story",
           "scaffold_edition"]
