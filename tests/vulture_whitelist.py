"""Names vulture cannot see being used (`make test` runs vulture over typeset/ and tests/ with
this file): attributes that libraries read, hooks that frameworks call, documented fields."""

# click calls Group.list_commands to order `paiban --help`
list_commands  # noqa
# a module-level __getattr__ (PEP 562) serves typeset.render.pdf's lazy names
__getattr__  # noqa
# ruamel.yaml reads its YAML object's settings
preserve_quotes  # noqa
# pikepdf writes these PDF keys when they are assigned on its objects
GTS_PDFXConformance  # noqa
PageLabels  # noqa
Type  # noqa
BitsPerComponent  # noqa
# model.media.MediaInfo: the probe's documented vocabulary and facts, read by tools and tests
ICC_KINDS  # noqa
icc_matches  # noqa
Resources  # noqa
OutputIntents  # noqa
GTS_PDFXVersion  # noqa
Info  # noqa
Subtype  # noqa
ColorSpace  # noqa
BBox  # noqa
CIDToGIDMap  # noqa
# used by the tests: oracles and probes of the package's own (the ink limit's reference path,
# zone geometry, session statistics, the preparer's counter, the unmemoised composer)
WHITE  # noqa
uncached  # noqa
all_text  # noqa
overlap_area  # noqa
contains  # noqa
max_ink_of  # noqa
limit_ink  # noqa
_decoded_alone  # noqa
prepared  # noqa
stats  # noqa
