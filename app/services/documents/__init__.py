"""Documents as a kind: every document the app makes (ordinance, raadsvoorstel, programmes, participatieplan, …) is
built from answers into the one model in `model.py`, shown by one HTML macro (templates/documents/_document.html) and
written by one DOCX writer (`docx_writer.py`). `registry.py` lists the kinds."""
