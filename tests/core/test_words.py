from redress.core.words import either


def test_choices_read_as_a_sentence():
    outcomes = ["Upheld", "Partly upheld", "Not upheld"]
    assert either(outcomes) == "upheld, partly upheld or not upheld"
    assert either(["Email", "Letter"]) == "email or letter"
    assert either(["Phone"]) == "phone"
    assert either([]) == ""


def test_capitals_of_an_abbreviation_are_kept():
    assert either(["Complaint", "FOI request"]) == "complaint or FOI request"
