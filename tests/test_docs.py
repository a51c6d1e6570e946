from pathlib import Path

from workbook.docs import END, START, format_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_readme_format_section_is_generated_from_the_schema():
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0]
    assert section.strip() == format_markdown().strip(), "run: python -m workbook.docs --update README.md"


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("```", 2)[1]
    assert "make run" in block and "make test" in block
