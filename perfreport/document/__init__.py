"""The document: filling the template, writing files safely, the hand-edit record, reading and converting .docx."""
