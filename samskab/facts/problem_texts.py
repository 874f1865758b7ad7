"""The English template of every problem and error the fact base and the segments report, by its
code. A problem is a code and parameters (`Problem.of`, `FactsError.of`); the template is its
English text and its message id in the catalogue `samskab` (see samskab.common.texts), which
gives the Danish text. A template quotes a value only as `{value}` and similar parameters, and
no parameter holds a CPR-shaped value (staging refuses such files before any check runs, and
`Problem` redacts all the same).

To add a problem: add its code and template here, and the template with its Danish text to
samskab/common/locale/da/LC_MESSAGES/samskab.po.
"""

from __future__ import annotations

from samskab.common.workbooks import WORKBOOK_PROBLEMS

# Parameters named `what`, `expected`, `remedy` and `layouts` are templates themselves, listed at
# the end (LAYOUTS is samskab.facts.statbank_layout's).
PROBLEMS: dict[str, str] = {
    # Where a problem is (the command line writes "file, row 3, column age: …").
    "row": "row {row}",
    "column": "column {column}",
    "more_rows": "… and {count} more rows with the same problem",
    # Reading a file.
    "file_not_found": "file not found",
    "file_not_found_at": "file not found: {path}",
    "unreadable": "could not be read ({reason}); expected {expected}",
    "column_twice": "the column '{name}' appears twice in the header",
    "missing_column": "the required column '{name}' is missing (the header has: {found})",
    "missing_column_no_header": "the required column '{name}' is missing (the header has: none)",
    "moves_or_flows": "give either a moves file or a flows file",
    "no_rows": "has a header but no rows; expected one row per move or count",
    "no_moves": "holds no moves: the column moves is 0 in all {count} row(s)",
    # CPR-shaped values: the message never holds the value.
    "cpr_cell_register": (
        "holds a value shaped like a CPR number (DDMMYY-XXXX); registers must be pseudonymised: "
        "replace CPR numbers by pseudonymous ids before importing"
    ),
    "cpr_cell_survey": (
        "holds a value shaped like a CPR number (DDMMYY-XXXX); a survey must not hold CPR "
        "numbers: remove them before importing"
    ),
    "cpr_cell_statbank": (
        "holds a value shaped like a CPR number (DDMMYY-XXXX); a StatBank table holds only "
        "labels and counts: use the file as Statistics Denmark sends it"
    ),
    "cpr_label_survey": (
        "a label of this column is shaped like a CPR number (DDMMYY-XXXX); a survey must not "
        "hold CPR numbers: remove them before importing"
    ),
    "cpr_header_register": (
        "the name of the column in position {position} (counted from the left) is shaped like a "
        "CPR number (DDMMYY-XXXX); registers must be pseudonymised: replace CPR numbers by "
        "pseudonymous ids before importing"
    ),
    "cpr_header_survey": (
        "the name of the column in position {position} (counted from the left) is shaped like a "
        "CPR number (DDMMYY-XXXX); a survey must not hold CPR numbers: remove them before "
        "importing"
    ),
    # A cell's value ({value} is the cell's text).
    "empty_municipality": "is empty; expected a municipality code: {expected}",
    "not_municipality": "'{value}' is not a municipality code; expected {expected}",
    "unknown_municipality": "'{value}' is not in the official list of Danish municipality codes",
    "not_allowed_here": "'{value}' is not allowed here",
    "not_parish": "'{value}' is not a parish code; expected 4 digits such as 7284",
    "empty_parish": "is empty; expected a 4-digit parish code",
    "parish_abroad": (
        "a parish ('{value}') is given for a move abroad; leave {name} empty when "
        "{municipality} is 'abroad'"
    ),
    "empty_date": "is empty; expected a date as YYYY-MM-DD",
    "not_date": "'{value}' is not a valid date; expected YYYY-MM-DD, e.g. 2013-12-31",
    "not_whole_between": (
        "'{value}' is not a whole number; expected {what} between {low} and {high}"
    ),
    "not_whole_at_least": "'{value}' is not a whole number; expected {what} of at least {low}",
    "out_of_range_between": "'{value}' is out of range; expected {what} between {low} and {high}",
    "out_of_range_at_least": "'{value}' is out of range; expected {what} of at least {low}",
    "empty_number_between": "is empty; expected {what} between {low} and {high}",
    "empty_number_at_least": "is empty; expected {what} of at least {low}",
    "not_a_choice": "'{value}' is not allowed; expected one of {choices}",
    "not_age_band": "'{value}' is not an age band; expected e.g. 18-29 or 65+",
    "empty_area": "is empty; expected the name of an area",
    # The files against each other.
    "parish_in_two_areas": (
        "parish {parish} is in two areas ('{area}' in row {first_row} and '{other}'); each "
        "parish belongs to at most one area"
    ),
    "parish_twice_in_area": (
        "parish {parish} is listed twice for area '{area}' (rows {first_row} and {second_row}); "
        "each parish belongs to at most one area"
    ),
    "area_across_municipalities": (
        "area '{area}' lies in more than one municipality ({listed}); an area lies inside one "
        "municipality (first given as {first})"
    ),
    "two_populations": (
        "parish {parish} has two populations for {year} (rows {first_row} and {second_row}); "
        "without an age or sex column each parish and year must appear once"
    ),
    "parish_other_municipality": (
        "parish {value} belongs to an area of another municipality in areas.csv; check "
        "{side}_municipality"
    ),
    "not_an_area": "'{value}' is not an area in areas.csv",
    "area_other_municipality": (
        "area '{value}' lies in another municipality than {side}_municipality says"
    ),
    "area_lacks_parish": (
        "area '{value}' does not contain the row's {side}_parish according to areas.csv"
    ),
    "no_population": (
        "no population on 1 January {year} for parish {parish} (area '{area}'); expected a row "
        "with year {year} and parish {parish}"
    ),
    # Periods, age bands and analyses.
    "period_reversed": "the period {first}–{last} ends before it starts",
    "first_after_last": (
        "the period runs from {first} to {last}: the first year must not come after the last"
    ),
    "bad_age_band": "'{part}' is not an age band; expected e.g. 18-29 or 65+ (in '{text}')",
    "age_band_overlaps": "'{part}' overlaps or comes before '{previous}' (in '{text}')",
    "needs_moves": (
        "{what} needs moves.csv (one row per move); counted flows cannot follow a person"
    ),
    "needs_person_id": "{what} needs the person_id column in moves.csv",
    # Statistics Denmark's FLY66 files.
    "fly66_lacks_columns": "FLY66 data lacks the columns {columns}",
    "statbank_no_year": (
        "the StatBank data has no year in {first}-{last}; it covers no year at all"
    ),
    "statbank_other_years": (
        "the StatBank data has no year in {first}-{last}; it covers {covered_first}-{covered_last}"
    ),
    "statbank_lacks_years": "the StatBank data lacks {absent} of the period {first}-{last}",
    "not_a_municipality_code": "{code} is not a Danish municipality code (e.g. 760)",
    "statbank_no_moves": (
        "{name} ({code}) has no moves to or from another municipality in the StatBank data for "
        "{first}-{last}"
    ),
    "same_content": "the same content as {other}: read twice, its moves would count twice",
    "no_csv_in_folder": "no .csv or .txt files in this folder",
    "more_like_these": "{number} more problems like these",
    "not_text_file": "not a text file: expected StatBank FLY66 data (CSV)",
    "not_semicolon_text": "cannot be read as semicolon-separated text ({reason})",
    "empty_statbank_file": "the file is empty: expected StatBank FLY66 data",
    "not_fly66_header": (
        "this is not FLY66: the header names {header}, and lacks {missing}. {layouts}"
    ),
    "values_as_in_header": (
        "expected {width} values separated by ';' as in the header, found {found}"
    ),
    "values_as_on_line": (
        "expected {width} values separated by ';' as on line {other_line}, found {found}"
    ),
    "no_data_lines": "no data lines: expected semicolon-separated StatBank FLY66 data. {layouts}",
    "only_numbers": (
        "only numbers: the lines hold no names ('Til Herning', 'Kvinder'), so the labels cannot "
        "be told from the counts. {layouts}"
    ),
    "headings_misaligned": (
        "the heading lines put counts from column {start} on, but column {label_column} holds "
        "labels such as {label}: the headings and the lines do not line up. {layouts}"
    ),
    "numbers_among_labels": (
        "column {position} holds numbers such as {value} among the labels: a label column holds "
        "names or codes, never counts, so the labels cannot be told from the counts. {layouts}"
    ),
    "no_counts": "no counts: expected the moves to the right of the labels. {layouts}",
    "two_year_columns": (
        "columns {first_column} and {second_column} both hold only years: cannot tell the year "
        "from the counts. {layouts}"
    ),
    "heading_width": "the heading names {named} columns of counts, but the lines hold {held}",
    "no_heading_above": "no heading above column {position}",
    "same_heading": (
        "columns {first_column} and {second_column} have the same heading {heading}: cannot tell "
        "them apart. {layouts}"
    ),
    "empty_label": "empty label with no label above it to repeat",
    "both_directions": (
        "{name} holds both to-municipalities ('Til Herning') and from-municipalities "
        "('Fra Herning'): cannot tell which it is. {layouts}"
    ),
    "all_hold": "{names} all hold the {what}: cannot tell which is meant. {layouts}",
    "not_fly66_directions": (
        "this is not FLY66: expected a column of to-municipalities ('Til Herning') and one of "
        "from-municipalities ('Fra Herning'). {hint}{layouts}"
    ),
    "no_year_column": (
        "no year: expected a column of years (2024) or a line of years above the values. "
        "{hint}{layouts}"
    ),
    "total_among_counts": (
        "the counts in column {position} are the sum of the line's other counts on every line: "
        "a total ('I alt') among counts without headings would count every move twice. Download "
        "the table again with the heading lines, or without the total. {layouts}"
    ),
    "dim_column": "column {number}",
    "dim_heading": "the heading on line {number}",
    "no_headings": (
        "This download has no heading lines, so its {counts} counts a line are not named: "
        "download it again with the heading lines, or with this variable among the labels on the "
        "left. "
    ),
    "unknown_statbank_municipality": (
        "unknown municipality {value}: expected a Danish municipality such as 'Til Herning', "
        "'Fra Herning', 'Herning' or its code 657"
    ),
    "not_a_year": "expected a year such as 2024, found {value}",
    "count_too_large": "{value} moves is more than one count can hold (at most {count})",
    "not_a_count": "expected a whole number of moves (or '..' or '-'), found {value}",
    "same_count": (
        "the same count ({year}, to {to}, from {from_}{key}) as in {other}, row {other_row}: "
        "read twice, its moves would count twice"
    ),
    "more_read_twice": "{count} more counts read twice",
    # Boundary files (TopoJSON, GeoJSON).
    "cannot_read_file": "cannot read the file: {reason}",
    "json_not_utf8": "not JSON: the file is not UTF-8 text",
    "invalid_json": "not valid JSON: {reason} (column {position})",
    "json_too_deep": "not valid JSON: nested too deeply to be read",
    "json_not_object": "not TopoJSON or GeoJSON: the file is not a JSON object",
    "not_topology_type": (
        'not TopoJSON or GeoJSON: "type" is {type}; expected Topology or FeatureCollection'
    ),
    "not_topology_no_type": (
        'not TopoJSON or GeoJSON: there is no "type"; expected Topology or FeatureCollection'
    ),
    "invalid_topojson": "not valid TopoJSON: {reason}",
    "features_not_list": 'not valid GeoJSON: "features" is not a list of objects',
    "properties_not_objects": 'not valid GeoJSON: "properties" must be objects',
    "no_geometry": "has no geometry",
    "invalid_geometry": "the {type} geometry is not valid GeoJSON",
    "not_finite": "a position is not a pair of finite numbers",
    "not_polygon": "is a {type}, not a Polygon or MultiPolygon",
    "no_area": "has no polygon with an area",
    "feature_no_geometry": "feature {number} (code {code}): has no geometry",
    "feature_invalid_geometry": (
        "feature {number} (code {code}): the {type} geometry is not valid GeoJSON"
    ),
    "feature_not_finite": (
        "feature {number} (code {code}): a position is not a pair of finite numbers"
    ),
    "feature_not_polygon": (
        "feature {number} (code {code}): is a {type}, not a Polygon or MultiPolygon"
    ),
    "feature_no_area": "feature {number} (code {code}) has no polygon with an area",
    "feature_no_key": "feature {number} has no {key}",
    "feature_key_not_whole": "feature {number} {key} {value} is not a whole number",
    "no_properties": "no code and name properties: expected {accepted} (found: {found})",
    "no_parish_properties": (
        "no parish code and name properties: expected {accepted} (found: {found})"
    ),
    "no_municipality_properties": (
        "no municipality code and name properties: expected {accepted} (found: {found})"
    ),
    "demo_feature": "feature {number} has no parish code or no polygon geometry",
    # Surveys and codebooks.
    "unknown_suffix": "cannot read '{suffix}' files; use {use}",
    "no_such_file": "no such file",
    "no_answers": "the file holds no answers",
    "survey_column_twice": "the column appears twice",
    "unreadable_header": "the header cannot be read ({reason})",
    "ragged_row": "the row does not have as many fields as the header",
    "bad_byte": "byte {byte} is neither UTF-8 nor Windows-1252 text; save the file as CSV UTF-8",
    "unreadable_excel": "not a readable Excel file ({reason})",
    "no_answer_sheet": "no sheet of answers beside the labels sheet",
    "labels_sheet_columns": "a labels sheet needs the columns variable, value and label",
    "not_numeric_code": "'{value}' is not a numeric code",
    "unreadable_spss": "not a readable SPSS file ({reason})",
    "not_codebook": "not a codebook file ({reason})",
    "codebook_too_deep": "not a codebook file (nested too deeply to be read)",
    "unreadable_csv": "not a readable CSV file ({reason})",
    "codebook_columns": "a CSV codebook needs the columns name and kind (of {columns})",
    "row_names_no_item": "the row names no item",
    "differs_from_above": "{key} '{value}' differs from '{above}' given above",
    "missing_flag": "missing '{value}' is not yes or empty",
    "label_needs_code": "a label or missing mark needs a code",
    "code_not_number": "code '{value}' is not a number",
    "codebook_no_items": "not a codebook: no list of items",
    "item_name_not_text": "item {number}: the name {name} is not text",
    "bad_kind": "kind '{value}' is not one of {choices}",
    "bad_role": "role '{value}' is not one of {choices}",
    "label_key_not_number": "label key '{value}' is not a number",
    "two_labels": "code {code} is labelled '{label}' here but '{first}'",
    "two_labels_at": "code {code} is labelled '{label}' here but '{first}' (row {first_row})",
    "answer_not_number": "'{value}' is not a number",
    "not_an_answer": "'{value}' is not one of the item's answers ({known})",
    "answer_not_code": "'{value}' is not a code",
    # Segments.
    "no_such_item": "no such column in the survey (columns: {columns})",
    "numeric_cannot_segment": (
        "a numeric item cannot form segments; name categorical or Likert items"
    ),
    "text_cannot_segment": "a text item cannot form segments; name categorical or Likert items",
    "same_answer": (
        "every respondent gives the same answer (or none), so it cannot separate segments"
    ),
    "too_few_respondents": "{count} respondents are too few for {classes} classes",
    "no_such_column": "no such column in the survey",
    "text_not_profiled": "open text cannot be profiled; give it a codebook kind other than text",
    "model_or_items": "give either --model or --items and --classes, not both",
    "profile_needs_model": "profile needs --model FILE, or --items and one K in --classes",
    "profile_needs_one_k": "profile needs one K, e.g. --classes 4",
    "bad_weights_column": "the weights column is not in the survey or holds text",
    "bad_weight": "a weight must be a number above 0",
    "names_per_segment": (
        "{count} segment names given for {classes} segments; give one per segment"
    ),
    "unreadable_model": "{path}: cannot read the model ({reason})",
    # --engine spark (spark_engine.py, spark_import.py).
    "spark_no_java": (
        "--engine spark: Java is not installed (PySpark needs Java 17 or later, on PATH or in "
        "JAVA_HOME)"
    ),
    "spark_old_java": (
        "--engine spark: PySpark needs Java 17 or later; java -version says: {version}"
    ),
    "spark_no_pyspark": "--engine spark: PySpark is not installed (pip install 'samskab[spark]')",
    "spark_did_not_start": "Spark did not start on {master}: {reason}",
    "spark_reads_csv_and_parquet": (
        "the Spark engine reads CSV and Parquet files; save the sheet as CSV"
    ),
    "store_not_written": (
        "could not write the tables to {url}: {reason}. Check the address and the store's "
        "credentials (for S3 AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for Azure "
        "AZURE_STORAGE_ACCOUNT_KEY, for Google Cloud GOOGLE_APPLICATION_CREDENTIALS)"
    ),
    # The public fact base from StatBank (public.py).
    "public_needs_fly66": (
        "no FLY66 file in this folder: the public fact base needs StatBank's moves between "
        "municipalities (files named FLY66…; BEV107…, FOLK1A… and KM1… are read beside them)"
    ),
    "public_not_a_folder": "not a folder: give the folder of StatBank files",
    "public_lacks_years": "{table} lacks {absent} of the period {first}-{last}",
    "bev107_lacks_movements": (
        "BEV107 lacks the rows {missing}: download it with every BEVÆGELSE (movement) and "
        "its labels (Tilflyttede, Fraflyttede, Indvandrede, Udvandrede)"
    ),
    "public_read_twice": (
        "{table} holds {area} {period} twice (this file, or this file and another)"
    ),
    "not_statbank_api_table": (
        "this is not {table} as the StatBank API writes it: the header names {header}, and "
        "lacks {missing}"
    ),
    "public_unknown_area": "not an area of {table}: {value}",
    "public_not_a_period": "expected a year or a quarter (2024, 2024K1), found {value}",
    "public_not_a_count": "expected a whole number (or '..' or '-'), found {value}",
    "public_empty_file": "the file holds no observations under its header",
    # Excel workbooks refused before they are opened.
    **WORKBOOK_PROBLEMS,
}

# The values of the parameters `what`, `expected` and `remedy`, translated in their turn (and
# "and", which joins a list of messages).
PARTS: tuple[str, ...] = (
    "a year",
    "a number of residents",
    "an age",
    "an age in whole years",
    "a count",
    "3 digits such as 760 (0760 also works)",
    "3 digits such as 760 (0760 also works), or 'abroad'",
    "an Excel workbook (.xlsx) whose first sheet has a header row",
    "an Excel workbook (.xlsm) whose first sheet has a header row",
    "a Parquet file",
    "a UTF-8 CSV file with a header row",
    "a UTF-8 CSV file with a header row, or a Parquet file",
    "Newcomer retention",
    "Return migration",
    "to municipality",
    "from municipality",
    "year",
    "and",
)
