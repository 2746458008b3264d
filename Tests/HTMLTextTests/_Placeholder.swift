// Placeholder so the target builds while its module is written; the lead removes it.
