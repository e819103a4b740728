#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fills quantlens_de.ts / quantlens_fa.ts from translations/translation_table.py after lupdate.

Run: /usr/lib/qt6/bin/lupdate -no-obsolete app/gui app/common widgets -I . -ts translations/quantlens_{de,fa}.ts
     python3 translations/fill_translations.py
Strings missing from the table are listed and left unfinished (lrelease then shows English).
"""
import os
import sys
import xml.etree.ElementTree as ET

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from translation_table import T  # noqa: E402

missing = set()
for index, lang in ((0, 'de'), (1, 'fa')):
    path = os.path.join(here, f'quantlens_{lang}.ts')
    tree = ET.parse(path)
    tree.getroot().set('language', 'de_DE' if lang == 'de' else 'fa_IR')
    for message in tree.iter('message'):
        source = message.find('source').text
        translation = message.find('translation')
        if source not in T:
            missing.add(source)
            continue
        text = T[source][index]
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop('type', None)
        if message.get('numerus') == 'yes':
            translation.text = None
            forms = 2 if lang == 'de' else 1
            for _ in range(forms):
                ET.SubElement(translation, 'numerusform').text = text
        else:
            translation.text = text
    tree.write(path, encoding='utf-8', xml_declaration=True)
for source in sorted(missing):
    print('untranslated:', repr(source))
