"""/curate: planners check an edited workbook and see what importing it would change (web/curate/views.py)."""
