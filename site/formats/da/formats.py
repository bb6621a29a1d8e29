# Django's Danish locale already formats dates as "1. januar 2017"; DATE_FORMAT is repeated
# here so templates using {{ value|date }} keep that form even if the locale changes upstream.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y \\k\\l. H:i"
SHORT_DATE_FORMAT = "d.m.Y"
