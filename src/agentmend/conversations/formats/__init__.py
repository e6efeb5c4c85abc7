"""One module per export format, plus the detection that picks one (`detect`)."""
