"""Stage 0 (I/O): read edition manifests, layout templates, font roles and story files.

The only package that imports yaml. Every user mistake becomes a Diagnostic with file, line,
column and a fix; nothing else in typeset reads user files.
"""
