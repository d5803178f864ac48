"""Test data shared by the manifest, reliability and fuzz tests: the smallest valid one-page
edition manifest and story head (each folder's kit — manifest_kit, relkit — builds on them)."""

PAGE_ONE = """\
paper: 测试日报
date: 2026-03-07
issue: 100
layout: broadsheet-8col
pages:
  - number: 1
    section: 要闻
    editor: 李明
    slots:
"""
"""An edition's head and page 1 up to its slots (a test appends its own slots)."""

ONE_PAGE_MANIFEST = PAGE_ONE + """\
      - story: one
        at: {column: 1, span: 4, top: 10, bottom: 50}
"""

STORY_HEAD = """\
---
headline: 测试标题
dateline: 本报讯
---
"""
