"""CSV import of worksites and contacts (the spreadsheets organizers already keep), and CSV export.

An import takes two steps and is all or nothing:

1. `batches.prepare_import` reads the file (UTF-8 with or without BOM, or Windows-1252 as Excel often
   writes it; comma- or semicolon-separated), maps its columns by name, validates every row with the
   models' own rules and looks for duplicates, in the file and among the organization's records. If any
   row is wrong, nothing is stored and every error is reported by row and column. Otherwise the validated
   rows wait, encrypted, in an ImportBatch for the user to confirm.
2. `batches.run_import` checks the rows again and creates all of them in one transaction, or none.

The uploaded file itself is never stored, and the batch's rows are cleared once it is imported or discarded.

Modules: `columns` (the fields and the names accepted for them), `reading` (file → Table), `validation`
(Table → checked rows and errors), `batches` (prepare, run, discard), `forms` (the upload form and the
page's description of the columns), `export` (worksites or contacts as CSV). The pages are in
`cases/import_views.py`; the records are created by `cases.services.create_worksites`/`create_children`.
"""
