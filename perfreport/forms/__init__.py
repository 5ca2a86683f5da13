"""What the forms are: their lines by key, declared once. derive builds a figure for each
declared line, wording prints each with its label, audit finds them by key; a line added
here (with its schema field) is in every stage."""
