KINDS = {"chronology": "Another chronology"}
