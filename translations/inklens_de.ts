<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>inklens::service</name>
    <message>
        <location filename="../core/service/model_loading.cpp" line="+30"/>
        <source>cannot load language model: %1</source>
        <translation>Das Sprachmodell kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>cannot load model %1: %2</source>
        <translation>Das Modell %1 kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <location filename="../core/service/recognition_service.cpp" line="+142"/>
        <source>no model given</source>
        <translation>kein Modell angegeben</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>cannot use the word list %1: %2</source>
        <translation>Die Wortliste %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../core/service/page_session.cpp" line="+139"/>
        <source>no model loaded</source>
        <translation>kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../core/service/model_locator.cpp" line="+43"/>
        <source>no model found; searched: %1; pass --model FILE</source>
        <translation>kein Modell gefunden; gesucht in: %1; geben Sie --model DATEI an</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <location filename="../core/service/sample_store.cpp" line="+59"/>
        <source>not an SQLite database</source>
        <translation>keine SQLite-Datenbank</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>written by a newer InkLens (format %1)</source>
        <translation>von einem neueren InkLens geschrieben (Format %1)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Cannot change the sample: %1</source>
        <translation>Das Beispiel kann nicht geändert werden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No such sample.</source>
        <translation>Dieses Beispiel gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../core/service/model_versions.cpp" line="+123"/>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>inklens::service::Documents</name>
    <message>
        <location filename="../core/service/documents.cpp" line="+48"/>
        <source>InkLens opens InkML ink and pictures (%1).</source>
        <translation>InkLens öffnet Handschrift im InkML-Format und Bilder (%1).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file does not exist.</source>
        <translation>Die Datei existiert nicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a folder, not a file.</source>
        <translation>Das ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The picture cannot be read.</source>
        <translation>Das Bild kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no ink to save.</source>
        <translation>Es gibt keine Tinte zum Speichern.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file cannot be written.</source>
        <translation>Die Datei kann nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>inklens::service::FineTuningJob</name>
    <message>
        <location filename="../core/service/fine_tuning_job.cpp" line="+60"/>
        <source>cannot make a temporary folder</source>
        <translation>es kann kein temporärer Ordner angelegt werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fine-tuning needs at least 2 usable samples (one is held out); there are %1. Correct a few more readings first.</source>
        <translation>Das Nachtrainieren braucht mindestens 2 verwendbare Beispiele (eines wird zurückgehalten); es gibt %1. Korrigieren Sie zuerst ein paar weitere Lesungen.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>fine-tuning stopped without a result</source>
        <translation>das Nachtrainieren endete ohne Ergebnis</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageDocument</name>
    <message>
        <location filename="../core/service/page_document.cpp" line="+227"/>
        <source>Reshape Line</source>
        <translation>Zeile umformen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Move Line</source>
        <translation>Zeile verschieben</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Split Line</source>
        <translation>Zeile teilen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Merge Lines</source>
        <translation>Zeilen zusammenführen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete Line</source>
        <translation>Zeile löschen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Draw Line</source>
        <translation>Zeile zeichnen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit Text</source>
        <translation>Text bearbeiten</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageFormats</name>
    <message>
        <location filename="../core/service/page_formats.cpp" line="+405"/>
        <source>ALTO cannot be written yet.</source>
        <translation>ALTO kann noch nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: unknown page format (the name should end in .txt, .xml, .alto.xml, .hocr, .html or .json).</source>
        <translation>%1: unbekanntes Seitenformat (der Name sollte auf .txt, .xml, .alto.xml, .hocr, .html oder .json enden).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This is not PAGE XML (the root element is %1).</source>
        <translation>Das ist kein PAGE XML (das Wurzelelement ist %1).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The PAGE XML is damaged (line %1: %2).</source>
        <translation>Das PAGE XML ist beschädigt (Zeile %1: %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This is not PAGE XML.</source>
        <translation>Das ist kein PAGE XML.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A TextLine of the PAGE XML has no outline (Coords points).</source>
        <translation>Eine TextLine des PAGE XML hat keinen Umriss (Coords points).</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>The hOCR is damaged or not XHTML (line %1: %2).</source>
        <translation>Das hOCR ist beschädigt oder kein XHTML (Zeile %1: %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This is not hOCR (no ocr_page).</source>
        <translation>Das ist kein hOCR (keine ocr_page).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A line of the hOCR has no bbox.</source>
        <translation>Eine Zeile des hOCR hat keine bbox.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not PAGE XML, ALTO or hOCR</source>
        <translation>weder PAGE XML noch ALTO oder hOCR</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageImage</name>
    <message>
        <location filename="../core/service/page_image.cpp" line="+157"/>
        <location line="+150"/>
        <location line="+178"/>
        <source>The file cannot be opened.</source>
        <translation>Die Datei kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>Out of memory.</source>
        <translation>Nicht genug Speicher.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+246"/>
        <location line="+89"/>
        <source>The picture is damaged or cut short (%1).</source>
        <translation>Das Bild ist beschädigt oder abgeschnitten (%1).</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>The file is not a picture InkLens reads (PNG, JPEG, TIFF, BMP, WebP).</source>
        <translation>Die Datei ist kein Bild, das InkLens liest (PNG, JPEG, TIFF, BMP, WebP).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file does not exist.</source>
        <translation>Die Datei existiert nicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a folder, not a file.</source>
        <translation>Das ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is empty (0 bytes).</source>
        <translation>Die Datei ist leer (0 Byte).</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The file has no page %1 (it has %2).</source>
        <translation>Die Datei hat keine Seite %1 (sie hat %2).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Page %1 of the file cannot be reached.</source>
        <translation>Seite %1 der Datei ist nicht erreichbar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The picture&apos;s size cannot be read: %1</source>
        <translation>Die Größe des Bildes kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The picture is too large: %1 x %2 pixels (InkLens opens up to %3 million pixels).</source>
        <translation>Das Bild ist zu groß: %1 x %2 Pixel (InkLens öffnet bis zu %3 Millionen Pixel).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The picture is damaged or cut short (the JPEG data ends early).</source>
        <translation>Das Bild ist beschädigt oder abgeschnitten (die JPEG-Daten enden zu früh).</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Opening the picture was cancelled.</source>
        <translation>Das Öffnen des Bildes wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>The picture is too large to open in this format: %1 x %2 pixels (%3). Save it as PNG or JPEG, or smaller.</source>
        <translation>Das Bild ist zu groß, um es in diesem Format zu öffnen: %1 x %2 Pixel (%3). Speichern Sie es als PNG oder JPEG oder kleiner.</translation>
    </message>
</context>
<context>
    <name>inklens::service::SampleStore</name>
    <message>
        <location filename="../core/service/sample_store.cpp" line="-152"/>
        <source>Cannot create the folder %1 for the samples.</source>
        <translation>Der Ordner %1 für die Beispiele kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The sample database %1 is damaged (%2) and cannot be set aside.</source>
        <translation>Die Beispieldatenbank %1 ist beschädigt (%2) und kann nicht beiseitegelegt werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sample database was damaged (%1); it was kept as %2 and a new one started.</source>
        <translation>Die Beispieldatenbank war beschädigt (%1); sie wurde als %2 aufbewahrt und eine neue angelegt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the sample database %1: %2</source>
        <translation>Die Beispieldatenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+88"/>
        <source>A sample needs its ink or picture and a text.</source>
        <translation>Ein Beispiel braucht seine Handschrift oder sein Bild und einen Text.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Cannot store the sample in %1: %2</source>
        <translation>Das Beispiel kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No folder %1.</source>
        <translation>Kein Ordner %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+39"/>
        <source>Cannot store the samples: %1</source>
        <translation>Die Beispiele können nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>inklens::ui::AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="+109"/>
        <source>About InkLens</source>
        <translation>Über InkLens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About</source>
        <translation>&amp;Über</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Build</source>
        <translation>&amp;Build</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Licences</source>
        <translation>&amp;Lizenzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Credits</source>
        <translation>&amp;Danksagungen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build type</source>
        <translation>Build-Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compiler</source>
        <translation>Compiler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built with %1, running on %2</source>
        <translation>gebaut mit %1, läuft mit %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This copy and this computer</source>
        <translation>Diese Kopie und dieser Computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;tt&gt;inklens --version&lt;/tt&gt; prints the same; &lt;tt&gt;inklens bench&lt;/tt&gt; times the kernels.</source>
        <translation>&lt;tt&gt;inklens --version&lt;/tt&gt; gibt dasselbe aus; &lt;tt&gt;inklens bench&lt;/tt&gt; misst die Kernel.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GNU Lesser General Public License version 3 (or GNU GPL version 2 or 3). InkLens links Qt dynamically: the Qt libraries can be replaced by another build of them. Help &gt; About Qt tells more.</source>
        <translation>GNU Lesser General Public License Version 3 (oder GNU GPL Version 2 oder 3). InkLens bindet Qt dynamisch ein: Die Qt-Bibliotheken lassen sich durch einen anderen Build ersetzen. Mehr unter Hilfe &gt; Über Qt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mozilla Public License 2.0. Eigen is a library of C++ templates compiled into InkLens; its source code is at %1.</source>
        <translation>Mozilla Public License 2.0. Eigen ist eine Bibliothek von C++-Templates, die in InkLens hineinkompiliert sind; ihr Quellcode liegt unter %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apache License 2.0 (its core and image processing modules, linked dynamically).</source>
        <translation>Apache License 2.0 (die Module core und Bildverarbeitung, dynamisch eingebunden).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>BSD 3-clause licence (the matrix products, linked dynamically).</source>
        <translation>BSD-Lizenz mit 3 Klauseln (die Matrixprodukte, dynamisch eingebunden).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read it at %1.</source>
        <translation>Nachzulesen unter %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On this computer: %1.</source>
        <translation>Auf diesem Computer: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Libraries</source>
        <translation>Bibliotheken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>InkLens is built on these libraries, each under its own licence:</source>
        <translation>InkLens baut auf diesen Bibliotheken auf, jede unter ihrer eigenen Lizenz:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every licence and credit of this copy: %1.</source>
        <translation>Alle Lizenzen und Danksagungen dieser Kopie: %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Training data</source>
        <translation>Trainingsdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundled model learned to read from these collections of handwritten lines:</source>
        <translation>Das mitgelieferte Modell hat an diesen Sammlungen handschriftlicher Zeilen lesen gelernt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Copiste d&apos;un jour&lt;/b&gt;: Bibliothèque et Archives nationales du Québec (BAnQ), CC BY 4.0.</source>
        <translation>&lt;b&gt;Copiste d&apos;un jour&lt;/b&gt;: Bibliothèque et Archives nationales du Québec (BAnQ), CC BY 4.0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Testaments de Poilus&lt;/b&gt;: CREMMA, CC BY 4.0; documents of the Archives nationales, the Archives départementales des Yvelines and du Val-d&apos;Oise, transcribed by volunteers.</source>
        <translation>&lt;b&gt;Testaments de Poilus&lt;/b&gt;: CREMMA, CC BY 4.0; Dokumente der Archives nationales und der Archives départementales des Yvelines und du Val-d&apos;Oise, von Freiwilligen transkribiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It also learned from synthetic lines, drawn in handwriting fonts under the SIL Open Font License 1.1 (%1; Homemade Apple: Apache License 2.0) and in the Hershey fonts (created by Dr. A. V. Hershey at the U.S. National Bureau of Standards; data format by James Hurt, Cognition, Inc.).</source>
        <translation>Außerdem hat es an synthetischen Zeilen gelernt, geschrieben in Handschrift-Schriftarten unter der SIL Open Font License 1.1 (%1; Homemade Apple: Apache License 2.0) und in den Hershey-Schriften (geschaffen von Dr. A. V. Hershey am U.S. National Bureau of Standards; Datenformat von James Hurt, Cognition, Inc.).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CC BY 4.0: %1</source>
        <translation>CC BY 4.0: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language models</source>
        <translation>Sprachmodelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language models count the training transcriptions and Debian&apos;s word lists: wamerican and wbritish (SCOWL) for English, wspanish (public domain) for Spanish. German&apos;s is made from wngerman (GPL) by a build from source and is not distributed.</source>
        <translation>Die Sprachmodelle zählen die Transkriptionen der Trainingsdaten und Debians Wortlisten: wamerican und wbritish (SCOWL) für Englisch, wspanish (gemeinfrei) für Spanisch. Das deutsche entsteht beim Bauen aus dem Quellcode aus wngerman (GPL) und wird nicht verbreitet.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::DocumentArea</name>
    <message>
        <location filename="../ui/document_area.cpp" line="+55"/>
        <source>Page %1 cannot be opened: %2</source>
        <translation>Seite %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The lines of the page were not found: %1</source>
        <translation>Die Zeilen der Seite wurden nicht gefunden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No lines found on the page: draw them (R: a rectangle, P: a polygon).</source>
        <translation>Keine Zeilen auf der Seite gefunden: zeichnen Sie sie (R: ein Rechteck, P: ein Polygon).</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+12"/>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>The ink file is too large: %1 MB (the window opens InkML files of up to %2 MB and %3 points; `inklens recognize` reads larger ones).</source>
        <translation>Die Tintendatei ist zu groß: %1 MB (das Fenster öffnet InkML-Dateien bis %2 MB und %3 Punkte; `inklens recognize` liest größere).</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+23"/>
        <source>Opening %1 was cancelled.</source>
        <translation>Das Öffnen von %1 wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+27"/>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>%1, page %2 of %3</source>
        <translation>%1, Seite %2 von %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (the window opens ink of up to %2 points; `inklens recognize` reads more)</source>
        <translation>%1 (das Fenster öffnet Tinte bis %2 Punkte; `inklens recognize` liest mehr)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Pasted picture</source>
        <translation>Eingefügtes Bild</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no picture or file that InkLens opens to paste.</source>
        <translation>Es gibt kein Bild und keine Datei zum Einfügen, die InkLens öffnet.</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Keep one line of text for each line of the page to correct it.</source>
        <translation>Zum Korrigieren eine Textzeile je Zeile der Seite beibehalten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit Text</source>
        <translation>Text bearbeiten</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The undone correction&apos;s sample was not removed: %1</source>
        <translation>Das Beispiel der rückgängig gemachten Korrektur wurde nicht entfernt: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Correction undone: its sample removed (%n in all).</source>
        <translation>
            <numerusform>Korrektur rückgängig gemacht: ihr Beispiel entfernt (%n insgesamt).</numerusform>
            <numerusform>Korrektur rückgängig gemacht: ihr Beispiel entfernt (%n insgesamt).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep one line of text for each line of ink to correct it.</source>
        <translation>Zum Korrigieren eine Textzeile je Zeile der Tinte beibehalten.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The correction was not kept: %1</source>
        <translation>Die Korrektur wurde nicht aufbewahrt: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Correction kept as a sample for fine-tuning (%n in all).</source>
        <translation>
            <numerusform>Korrektur als Beispiel für das Nachtrainieren aufbewahrt (%n insgesamt).</numerusform>
            <numerusform>Korrektur als Beispiel für das Nachtrainieren aufbewahrt (%n insgesamt).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ink</source>
        <translation>Handschrift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write with the mouse or a pen</source>
        <translation>Mit der Maus oder einem Stift schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture of one line of handwriting</source>
        <translation>Ein Bild einer handgeschriebenen Zeile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A page of handwriting: its lines and their text</source>
        <translation>Eine handgeschriebene Seite: ihre Zeilen und deren Text</translation>
    </message>
</context>
<context>
    <name>inklens::ui::FileDialogs</name>
    <message>
        <location filename="../ui/file_dialogs.cpp" line="+41"/>
        <source>Ink and images (%1)</source>
        <translation>Handschrift und Bilder (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (%1)</source>
        <translation>Bilder (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>InkML ink (%1)</source>
        <translation>InkML-Handschrift (%1)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open Ink or Image</source>
        <translation>Handschrift oder Bild öffnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Ink As</source>
        <translation>Handschrift speichern unter</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Plain text (*.txt)</source>
        <translation>Reiner Text (*.txt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PAGE XML (*.xml)</source>
        <translation>PAGE XML (*.xml)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ALTO XML (*.alto.xml *.xml)</source>
        <translation>ALTO XML (*.alto.xml *.xml)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hOCR (*.hocr *.html)</source>
        <translation>hOCR (*.hocr *.html)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Export Page</source>
        <translation>Seite exportieren</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+7"/>
        <source>Cannot Open</source>
        <translation>Öffnen nicht möglich</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot Save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot save %1:
%2</source>
        <translation>%1 kann nicht gespeichert werden:
%2</translation>
    </message>
</context>
<context>
    <name>inklens::ui::FineTuneDialog</name>
    <message>
        <location filename="../ui/finetune_dialog.cpp" line="+129"/>
        <source>The model was not kept: %1</source>
        <translation>Das Modell wurde nicht behalten: %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Corrected samples to learn from: %1. Fine-tuning needs at least 2: correct a few readings first (F2 or a double click on the text), or import a folder in Tools &gt; Samples.</source>
        <translation>Korrigierte Beispiele zum Lernen: %1. Das Nachtrainieren braucht mindestens 2: Korrigieren Sie zuerst ein paar Lesungen (F2 oder Doppelklick auf den Text) oder importieren Sie einen Ordner unter Werkzeuge &gt; Beispiele.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected samples to learn from: %1, of which %2 are held out to check the result.</source>
        <translation>Korrigierte Beispiele zum Lernen: %1, davon %2 zurückgehalten, um das Ergebnis zu prüfen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no model to fine-tune.</source>
        <translation>Es gibt kein Modell zum Nachtrainieren.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Preparing the samples and the general lines...</source>
        <translation>Beispiele und allgemeine Zeilen werden vorbereitet …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Step %1, %2 s: loss %3, held-out CER %4</source>
        <translation>Schritt %1, %2 s: Verlust %3, CER der zurückgehaltenen Beispiele %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled at step %1; the model in use is unchanged.</source>
        <translation>Bei Schritt %1 abgebrochen; das verwendete Modell ist unverändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done: %1 steps in %2 s.</source>
        <translation>Fertig: %1 Schritte in %2 s.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing was changed.</source>
        <translation>Nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Better on your held-out samples and not worse on general lines. Keep it to use it from now on (you can roll back at any time in Tools &gt; Model Versions).</source>
        <translation>Besser bei Ihren zurückgehaltenen Beispielen und nicht schlechter bei allgemeinen Zeilen. Behalten Sie es, um es ab jetzt zu verwenden (Sie können jederzeit unter Werkzeuge &gt; Modellversionen zurückkehren).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not offered: it does not read your held-out samples better. Try more samples, more minutes or letting more of the model adapt.</source>
        <translation>Nicht angeboten: Es liest Ihre zurückgehaltenen Beispiele nicht besser. Versuchen Sie mehr Beispiele, mehr Minuten oder lassen Sie mehr vom Modell anpassen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not offered: it reads general lines worse than allowed (at most %1 points more). Try adapting less of the model.</source>
        <translation>Nicht angeboten: Es liest allgemeine Zeilen schlechter als erlaubt (höchstens %1 Punkte mehr). Versuchen Sie, weniger vom Modell anzupassen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fine-tuning failed: %1</source>
        <translation>Nachtrainieren fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Your held-out samples (%1)</source>
        <translation>Ihre zurückgehaltenen Beispiele (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General lines (%1)</source>
        <translation>Allgemeine Zeilen (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>General lines</source>
        <translation>Allgemeine Zeilen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>there is no better model to keep</source>
        <translation>es gibt kein besseres Modell zum Behalten</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kept as %1; it is the model in use now.</source>
        <translation>Als %1 behalten; es ist jetzt das verwendete Modell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuned model %1 in use.</source>
        <translation>Nachtrainiertes Modell %1 in Verwendung.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Fine-tune</source>
        <translation>Nachtrainieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your handwriting from the readings you corrected. It trains a copy of the model in use, mixed with general lines so that it does not forget, and checks the result on samples it did not train on. The model in use changes only if you keep the result.</source>
        <translation>Bringen Sie dem Modell Ihre Handschrift anhand der korrigierten Lesungen bei. Es wird eine Kopie des verwendeten Modells trainiert, gemischt mit allgemeinen Zeilen, damit es nichts vergisst, und das Ergebnis wird an Beispielen geprüft, mit denen nicht trainiert wurde. Das verwendete Modell ändert sich nur, wenn Sie das Ergebnis behalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;What adapts:</source>
        <translation>&amp;Was sich anpasst:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The output layer (fastest, smallest change)</source>
        <translation>Die Ausgabeschicht (am schnellsten, kleinste Änderung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The LSTMs and the output layer</source>
        <translation>Die LSTMs und die Ausgabeschicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (recommended)</source>
        <translation>%1 (empfohlen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Minutes:</source>
        <translation>&amp;Minuten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watch it &amp;learn (the inspection views follow the training)</source>
        <translation>Beim &amp;Lernen zusehen (die Inspektionsansichten folgen dem Training)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held-out CER</source>
        <translation>CER zurückgehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character error rate</source>
        <translation>Zeichenfehlerrate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep</source>
        <translation>&amp;Behalten</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ImageView</name>
    <message>
        <location filename="../ui/image_view.cpp" line="+39"/>
        <source>Open a picture of one line of handwriting (File &gt; Open) or drop it here.</source>
        <translation>Öffnen Sie ein Bild einer handgeschriebenen Zeile (Datei &gt; Öffnen) oder ziehen Sie es hierher.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InkCanvas</name>
    <message>
        <location filename="../ui/ink_canvas.cpp" line="+310"/>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Stroke</source>
        <translation>Strich</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <source>Erase</source>
        <translation>Radieren</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Write a word or a line here. Right button or the pen&apos;s eraser erases.</source>
        <translation>Schreiben Sie hier ein Wort oder eine Zeile. Die rechte Maustaste oder der Radierer des Stifts radiert.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InkToolBar</name>
    <message>
        <location filename="../ui/ink_toolbar.cpp" line="+55"/>
        <source>Ink</source>
        <translation>Handschrift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pen width:</source>
        <translation>&amp;Strichbreite:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width of the strokes on the screen; it does not change what the network reads</source>
        <translation>Breite der Striche auf dem Bildschirm; sie ändert nicht, was das Netz liest</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InspectionDocks</name>
    <message>
        <location filename="../ui/inspection_docks.cpp" line="+74"/>
        <source>I&amp;nspector</source>
        <translation>I&amp;nspektor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the inspection views: how the network reads the line</source>
        <translation>Die Inspektionsansichten zeigen oder ausblenden: wie das Netz die Zeile liest</translation>
    </message>
</context>
<context>
    <name>inklens::ui::LanguageMenu</name>
    <message>
        <location filename="../ui/language_menu.cpp" line="+65"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the language of the desktop</source>
        <translation>Die Sprache der Arbeitsumgebung verwenden</translation>
    </message>
</context>
<context>
    <name>inklens::ui::LiveRecognition</name>
    <message>
        <location filename="../ui/live_recognition.cpp" line="+40"/>
        <source>Recognition failed: %1</source>
        <translation>Erkennung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recognition is off: %1
Writing, opening and saving ink still work.</source>
        <translation>Die Erkennung ist aus: %1
Schreiben, Öffnen und Speichern der Handschrift funktionieren weiterhin.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+236"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Inspection</source>
        <translation>&amp;Inspektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recognition</source>
        <translation>&amp;Erkennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open...</source>
        <translation>Ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export Page...</source>
        <translation>Seite &amp;exportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the page&apos;s lines: text, PAGE XML, ALTO or hOCR (outlines, baselines, confidences)</source>
        <translation>Die Zeilen der Seite speichern: Text, PAGE XML, ALTO oder hOCR (Umrisse, Grundlinien, Konfidenzen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Ink As...</source>
        <translation>Handschrift &amp;speichern unter …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the strokes on the canvas as InkML</source>
        <translation>Die Striche der Schreibfläche als InkML speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quit InkLens</source>
        <translation>InkLens beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Open ink (InkML), a picture of a line of handwriting or a page</source>
        <translation>Handschrift (InkML), das Bild einer handgeschriebenen Zeile oder eine Seite öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the picture or file on the clipboard</source>
        <translation>Das Bild oder die Datei aus der Zwischenablage öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take back the last stroke, erasure, clearing or line edit</source>
        <translation>Den letzten Strich, das letzte Radieren, Leeren oder die letzte Zeilenänderung zurücknehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Do again what was taken back</source>
        <translation>Das Zurückgenommene wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy Text</source>
        <translation>Text &amp;kopieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the recognized text to the clipboard</source>
        <translation>Den erkannten Text in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear Ink</source>
        <translation>Handschrift &amp;löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every stroke from the canvas (can be undone)</source>
        <translation>Alle Striche von der Schreibfläche entfernen (lässt sich rückgängig machen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Guide Lines</source>
        <translation>&amp;Hilfslinien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the baseline and the height of small letters on the canvas</source>
        <translation>Grundlinie und Höhe der Kleinbuchstaben auf der Schreibfläche zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show &amp;Status Bar</source>
        <translation>&amp;Statusleiste anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About InkLens</source>
        <translation>&amp;Über InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the version and where the model&apos;s training data comes from</source>
        <translation>Version und Herkunft der Trainingsdaten des Modells anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/app_info.cpp" line="+22"/>
        <source>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;A handwriting recognizer you can see inside: a CRNN (convolutional layers, a bidirectional LSTM and CTC) on its own engine, showing its filters, feature maps and the alignment of every character to the ink.&lt;/p&gt;&lt;p&gt;The bundled model is trained on &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) and &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise and volunteers).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;Eine Handschrifterkennung, in die man hineinsehen kann: ein CRNN (Faltungsschichten, ein bidirektionales LSTM und CTC) auf eigener Engine, das seine Filter, Merkmalskarten und die Zuordnung jedes Zeichens zur Tinte zeigt.&lt;/p&gt;&lt;p&gt;Das mitgelieferte Modell ist trainiert auf &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) und &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise und Freiwillige).&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;p&gt;Engine kernels on this computer: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Rechenkerne der Engine auf diesem Computer: %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="-40"/>
        <source>Model not loaded</source>
        <translation>Modell nicht geladen</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ModelVersionsDialog</name>
    <message>
        <location filename="../ui/model_versions_dialog.cpp" line="+37"/>
        <source>the output layer</source>
        <translation>die Ausgabeschicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the LSTMs and the output layer</source>
        <translation>die LSTMs und die Ausgabeschicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>everything</source>
        <translation>alles</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Bundled model</source>
        <translation>Mitgeliefertes Modell</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>damaged: %1</source>
        <translation>beschädigt: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>in use</source>
        <translation>in Verwendung</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Fine-tuned from %1 (what adapted: %2) on %3 training and %4 held-out samples; general set: %5.</source>
        <translation>Nachtrainiert aus %1 (angepasst: %2) mit %3 Trainings- und %4 zurückgehaltenen Beispielen; allgemeine Menge: %5.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file does not load (%1). It is left where it is: %2</source>
        <translation>Diese Datei lässt sich nicht laden (%1). Sie bleibt, wo sie ist: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model that comes with InkLens. It is never changed.</source>
        <translation>Das Modell, das mit InkLens geliefert wird. Es wird nie verändert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Model %1 in use.</source>
        <translation>Modell %1 in Verwendung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bundled model is in use again.</source>
        <translation>Das mitgelieferte Modell wird wieder verwendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model Versions</source>
        <translation>Modellversionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every fine-tuned model you kept, newest first. Restore one to use it, or roll back to the model that comes with InkLens.</source>
        <translation>Jedes nachtrainierte Modell, das Sie behalten haben, das neueste zuerst. Stellen Sie eines wieder her, um es zu verwenden, oder kehren Sie zum mitgelieferten Modell zurück.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your samples&apos; CER</source>
        <translation>CER Ihrer Beispiele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General CER</source>
        <translation>Allgemeine CER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roll &amp;Back to the Bundled Model</source>
        <translation>&amp;Zurück zum mitgelieferten Modell</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageChooser</name>
    <message>
        <location filename="../ui/page_chooser.cpp" line="+55"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page of the file (Ctrl+Page Up)</source>
        <translation>Vorherige Seite der Datei (Strg+Bild auf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page of the file (Ctrl+Page Down)</source>
        <translation>Nächste Seite der Datei (Strg+Bild ab)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageLineList</name>
    <message>
        <location filename="../ui/page_lines.cpp" line="+111"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your text. Read: %1</source>
        <translation>Ihr Text. Gelesen: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not read yet</source>
        <translation>Noch nicht gelesen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Low confidence: check this line</source>
        <translation>Geringe Sicherheit: prüfen Sie diese Zeile</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text of each line. Double-click a text (or start typing) to correct it.</source>
        <translation>Der Text jeder Zeile. Doppelklicken Sie auf einen Text (oder tippen Sie los), um ihn zu korrigieren.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageProgress</name>
    <message>
        <location filename="../ui/page_progress.cpp" line="+67"/>
        <source>Reading lines</source>
        <translation>Zeilen werden gelesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the ink</source>
        <translation>Tinte wird geöffnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the picture</source>
        <translation>Bild wird geöffnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop opening the ink</source>
        <translation>Öffnen der Tinte abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop opening the picture</source>
        <translation>Öffnen des Bildes abbrechen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Stop reading the page&apos;s lines (those read stay)</source>
        <translation>Das Lesen der Zeilen der Seite beenden (gelesene bleiben)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageView</name>
    <message>
        <location filename="../ui/page_view.cpp" line="+116"/>
        <source>&amp;Split Line Here</source>
        <translation>Zeile hier &amp;teilen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge with Next Line</source>
        <translation>Mit der nächsten Zeile &amp;zusammenführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Line</source>
        <translation>Zeile &amp;löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a Line as a &amp;Rectangle</source>
        <translation>Zeile als &amp;Rechteck zeichnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a Line as a &amp;Polygon</source>
        <translation>Zeile als &amp;Polygon zeichnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit Page to Window</source>
        <translation>Seite an Fenster &amp;anpassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a line to see how it was read; drag it to move it, drag a corner to reshape it. Right-click for more.</source>
        <translation>Klicken Sie auf eine Zeile, um zu sehen, wie sie gelesen wurde; ziehen Sie sie, um sie zu verschieben, ziehen Sie eine Ecke, um sie umzuformen. Rechtsklick für mehr.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::RecognitionOptions</name>
    <message>
        <location filename="../ui/recognition_options.cpp" line="+120"/>
        <source>Word list not used</source>
        <translation>Wortliste nicht verwendet</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>No word list for %1 is installed (Debian: %2)</source>
        <translation>Keine Wortliste für %1 installiert (Debian: %2)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose a Word List</source>
        <translation>Wortliste wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use the &amp;Language Model</source>
        <translation>&amp;Sprachmodell verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let a model of letter sequences choose between readings the network finds equally likely</source>
        <translation>Ein Modell der Buchstabenfolgen zwischen Lesarten wählen lassen, die das Netz für gleich wahrscheinlich hält</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level &amp;Skewed Lines</source>
        <translation>&amp;Schräge Zeilen ausrichten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straighten a line written uphill or downhill before reading it</source>
        <translation>Eine ansteigend oder abfallend geschriebene Zeile vor dem Lesen gerade ausrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a &amp;Word List...</source>
        <translation>&amp;Wortliste verwenden...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefer the words of a list (a text file, one or more words per line): a word outside it is still read when the ink leaves no doubt</source>
        <translation>Wörter aus einer Liste bevorzugen (eine Textdatei, ein oder mehrere Wörter pro Zeile): ein Wort außerhalb der Liste wird trotzdem gelesen, wenn die Schrift keinen Zweifel lässt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;No Word List</source>
        <translation>&amp;Keine Wortliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read any sequence of letters again</source>
        <translation>Wieder beliebige Buchstabenfolgen lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the Writing Language&apos;s Wo&amp;rd List</source>
        <translation>Wortliste der Schreibsprache &amp;verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefer the words of the writing language&apos;s list (installed in /usr/share/dict); it changes with the language</source>
        <translation>Wörter aus der Liste der Schreibsprache bevorzugen (installiert in /usr/share/dict); sie wechselt mit der Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Automatic</source>
        <translation>&amp;Automatisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read each line with every language&apos;s language model and word list, and keep the best reading</source>
        <translation>Jede Zeile mit dem Sprachmodell und der Wortliste jeder Sprache lesen und die beste Lesung behalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wr&amp;iting Language</source>
        <translation>Schreibs&amp;prache</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language of the writing: its language model and word list help the reading</source>
        <translation>Die Sprache des Geschriebenen: ihr Sprachmodell und ihre Wortliste helfen beim Lesen</translation>
    </message>
</context>
<context>
    <name>inklens::ui::SampleBrowser</name>
    <message>
        <location filename="../ui/sample_browser.cpp" line="+156"/>
        <source>The samples were not exported: %1</source>
        <translation>Die Beispiele wurden nicht exportiert: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The samples were not imported: %1</source>
        <translation>Die Beispiele wurden nicht importiert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files that could not be read were skipped: %1.</source>
        <translation>Nicht lesbare Dateien wurden übersprungen: %1.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>(cannot be shown)</source>
        <translation>(kann nicht angezeigt werden)</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Ink</source>
        <translation>Handschrift</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Picture</source>
        <translation>Bild</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click to correct the text</source>
        <translation>Doppelklicken, um den Text zu korrigieren</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>The samples cannot be opened: %1</source>
        <translation>Die Beispiele können nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A sample needs a text; delete it instead.</source>
        <translation>Ein Beispiel braucht einen Text; löschen Sie es stattdessen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The text was not changed: %1</source>
        <translation>Der Text wurde nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The sample was not changed: %1</source>
        <translation>Das Beispiel wurde nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The sample was not deleted: %1</source>
        <translation>Das Beispiel wurde nicht gelöscht: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Delete Samples</source>
        <translation>Beispiele löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected samples (%1)? This cannot be undone; excluding keeps a sample out of fine-tuning without losing it.</source>
        <translation>Die ausgewählten Beispiele (%1) löschen? Das kann nicht rückgängig gemacht werden; Ausschließen hält ein Beispiel aus dem Nachtrainieren heraus, ohne es zu verlieren.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Import Samples from a Ground-Truth Folder</source>
        <translation>Beispiele aus einem Ground-Truth-Ordner importieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Samples as a Ground-Truth Folder</source>
        <translation>Beispiele als Ground-Truth-Ordner exportieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No samples yet. Correct a reading (F2 or a double click on the text) to keep one, or import a ground-truth folder.</source>
        <translation>Noch keine Beispiele. Korrigieren Sie eine Lesung (F2 oder Doppelklick auf den Text), um eines zu behalten, oder importieren Sie einen Ground-Truth-Ordner.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Samples: %1; used for fine-tuning: %2; excluded: %3.</source>
        <translation>Beispiele: %1; für das Nachtrainieren verwendet: %2; ausgeschlossen: %3.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Samples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readings you corrected, kept to teach the model your handwriting (Tools &gt; Fine-tune). Double-click a text to correct it; exclude a sample to keep it out of fine-tuning.</source>
        <translation>Die Lesungen, die Sie korrigiert haben, aufbewahrt, um dem Modell Ihre Handschrift beizubringen (Werkzeuge &gt; Nachtrainieren). Doppelklicken Sie auf einen Text, um ihn zu korrigieren; schließen Sie ein Beispiel aus, um es aus dem Nachtrainieren herauszuhalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read as</source>
        <translation>Gelesen als</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excluded</source>
        <translation>Ausgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xclude</source>
        <translation>Aus&amp;schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Include</source>
        <translation>&amp;Einbeziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete...</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;mport Folder...</source>
        <translation>Ordner i&amp;mportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Folder...</source>
        <translation>Ordner e&amp;xportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the selected samples out of fine-tuning</source>
        <translation>Die ausgewählten Beispiele aus dem Nachtrainieren heraushalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the selected samples for fine-tuning again</source>
        <translation>Die ausgewählten Beispiele wieder zum Nachtrainieren verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the lines of a ground-truth folder (NAME.png or NAME.inkml with NAME.gt.txt)</source>
        <translation>Die Zeilen eines Ground-Truth-Ordners hinzufügen (NAME.png oder NAME.inkml mit NAME.gt.txt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the samples not excluded as a ground-truth folder (NAME.png or NAME.inkml with NAME.gt.txt), as inklens finetune reads it</source>
        <translation>Die nicht ausgeschlossenen Beispiele als Ground-Truth-Ordner schreiben (NAME.png oder NAME.inkml mit NAME.gt.txt), wie inklens finetune ihn liest</translation>
    </message>
</context>
<context>
    <name>inklens::ui::StatusBar</name>
    <message>
        <location filename="../ui/status_bar.cpp" line="+45"/>
        <source>Reading without a language model: %1</source>
        <translation>Lesen ohne Sprachmodell: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading without a word list</source>
        <translation>Lesen ohne Wortliste</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Reading with the word list %1 (%n words)</source>
        <translation>
            <numerusform>Lesen mit der Wortliste %1 (%n Wort)</numerusform>
            <numerusform>Lesen mit der Wortliste %1 (%n Wörter)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>normalize %1 ms · network %2 ms · decode %3 ms</source>
        <translation>Normalisieren %1 ms · Netz %2 ms · Dekodieren %3 ms</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From the request to the text shown: %1 ms (waiting %2 ms)</source>
        <translation>Von der Anfrage bis zum angezeigten Text: %1 ms (davon Warten %2 ms)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading the model...</source>
        <translation>Modell wird geladen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model: recognition is off</source>
        <translation>Kein Modell: die Erkennung ist aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading...</source>
        <translation>Erkennung läuft …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Words: %1</source>
        <translation>Wörter: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1: %n words</source>
        <translation>
            <numerusform>%1: %n Wort</numerusform>
            <numerusform>%1: %n Wörter</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>inklens::ui::TextPanel</name>
    <message>
        <location filename="../ui/text_panel.cpp" line="+353"/>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alternatives</source>
        <translation>&amp;Alternativen</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 % of the likelihood of the listed readings</source>
        <translation>%1 % der Wahrscheinlichkeit der aufgeführten Lesarten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log-probability %1 (network)</source>
        <translation>Log-Wahrscheinlichkeit %1 (Netz)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ranking score %1 (network plus language model / word list)</source>
        <translation>Rangwert %1 (Netz plus Sprachmodell / Wortliste)</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>The right text of line %1 (Enter keeps it, Escape cancels)</source>
        <translation>Der richtige Text von Zeile %1 (Eingabe übernimmt, Escape bricht ab)</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Other readings, most likely first, each with its share of their likelihood as the decoder ranks them (network, language model and word list together). Click one to use it.</source>
        <translation>Andere Lesarten, die wahrscheinlichste zuerst, jede mit ihrem Anteil an ihrer gemeinsamen Wahrscheinlichkeit, wie der Decoder sie einordnet (Netz, Sprachmodell und Wortliste zusammen). Zum Übernehmen anklicken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wavy underline: read with a confidence below %1 %. F2 or a double click corrects the text.</source>
        <translation>Wellenlinie: mit einer Sicherheit unter %1 % gelesen. F2 oder ein Doppelklick korrigiert den Text.</translation>
    </message>
    <message>
        <location line="-109"/>
        <location line="+113"/>
        <source>The right text (Enter keeps it, Escape cancels)</source>
        <translation>Der richtige Text (Eingabe übernimmt, Escape bricht ab)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(nothing recognized)</source>
        <translation>(nichts erkannt)</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>confidence %1 %</source>
        <translation>Konfidenz %1&#xa0;%</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ToolsMenu</name>
    <message>
        <location filename="../ui/tools_menu.cpp" line="+118"/>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Samples...</source>
        <translation>&amp;Beispiele …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review the corrected samples: relabel, exclude, delete, import and export them</source>
        <translation>Die korrigierten Beispiele durchsehen: neu beschriften, ausschließen, löschen, importieren und exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fine-tune...</source>
        <translation>&amp;Nachtrainieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your handwriting from your corrected samples</source>
        <translation>Dem Modell Ihre Handschrift anhand Ihrer korrigierten Beispiele beibringen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model &amp;Versions...</source>
        <translation>Modell&amp;versionen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a fine-tuned model you kept, or go back to the bundled one</source>
        <translation>Ein behaltenes nachtrainiertes Modell verwenden oder zum mitgelieferten zurückkehren</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::ColumnView</name>
    <message>
        <location filename="../ui/inspect/inspect_view.cpp" line="+178"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ink</source>
        <translation>Tinte</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>frame</source>
        <translation>Frame</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::CtcView</name>
    <message>
        <location filename="../ui/inspect/ctc_view.cpp" line="+181"/>
        <source>No recognition yet</source>
        <translation>Noch keine Erkennung</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CTC posteriors p(class | frame)</source>
        <translation>CTC-Posterioris p(Klasse | Frame)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 classes · white line: decoded path</source>
        <translation>%1 von %2 Klassen · weiße Linie: dekodierter Pfad</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Hover a column to see its most likely classes.</source>
        <translation>Zeigen Sie auf eine Spalte, um ihre wahrscheinlichsten Klassen zu sehen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>p(%1 | frame %2) = %3</source>
        <translation>p(%1 | Frame %2) = %3</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::DecoderComparison</name>
    <message>
        <location filename="../ui/inspect/decoder_comparison.cpp" line="+63"/>
        <source>Beam width:</source>
        <translation>Strahlbreite:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N-best:</source>
        <translation>N-Beste:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rank the beam&apos;s hypotheses with the model&apos;s character language model too</source>
        <translation>Die Hypothesen der Strahlsuche auch mit dem Zeichen-Sprachmodell des Modells bewerten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Greedy (best path)</source>
        <translation>Gierig (bester Pfad)</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+131"/>
        <source>Prefix beam search</source>
        <translation>Präfix-Strahlsuche</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log P</source>
        <translation>log P</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ score</source>
        <translation>Δ Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log P (LM)</source>
        <translation>log P (SM)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The line is too short to decode.</source>
        <translation>Die Zeile ist zu kurz zum Dekodieren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No recognition yet</source>
        <translation>Noch keine Erkennung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decoding…</source>
        <translation>Dekodiere…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>log P(best path) = %1
(the probability of this one alignment, not of the text)</source>
        <translation>log P(bester Pfad) = %1
(die Wahrscheinlichkeit dieser einen Ausrichtung, nicht des Textes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefix beam search + language model</source>
        <translation>Präfix-Strahlsuche + Sprachmodell</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Greedy and beam search agree.</source>
        <translation>Gierige Dekodierung und Strahlsuche stimmen überein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy and beam search differ (highlighted).</source>
        <translation>Gierige Dekodierung und Strahlsuche unterscheiden sich (hervorgehoben).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share: probability relative to the listed hypotheses.</source>
        <translation>Anteil: Wahrscheinlichkeit relativ zu den aufgeführten Hypothesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoded in %1 ms.</source>
        <translation>In %1 ms dekodiert.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::FeatureMapView</name>
    <message>
        <location filename="../ui/inspect/feature_map_view.cpp" line="+233"/>
        <source>No recognition yet</source>
        <translation>Noch keine Erkennung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No feature maps: recognize with the probe on</source>
        <translation>Keine Merkmalskarten: mit eingeschalteter Sonde erkennen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>conv%1 · %2 channels of %3×%4</source>
        <translation>conv%1 · %2 Kanäle zu %3×%4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>after the activation; one map column per image column</source>
        <translation>nach der Aktivierung; eine Kartenspalte je Bildspalte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after the activation; one map column per %1 image columns</source>
        <translation>nach der Aktivierung; eine Kartenspalte je %1 Bildspalten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>activation ÷ channel max</source>
        <translation>Aktivierung ÷ Kanalmaximum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ch %1
over ink</source>
        <translation>Kanal %1
über Tinte</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>conv%1 · channel %2
value %3 (channel max %4)</source>
        <translation>conv%1 · Kanal %2
Wert %3 (Kanalmaximum %4)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::FilterView</name>
    <message>
        <location filename="../ui/inspect/filter_view.cpp" line="+213"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>conv%1 · %2 filters of %3×%4×%4</source>
        <translation>conv%1 · %2 Filter zu %3×%4×%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 norm over the %1 input channels</source>
        <translation>L2-Norm über die %1 Eingangskanäle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean over the %1 input channels</source>
        <translation>Mittelwert über die %1 Eingangskanäle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (before batch norm)</source>
        <translation> (vor der Batch-Normalisierung)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖w‖</source>
        <translation>‖w‖</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>filter %1 of conv%2: its %3 input kernels (weights, ±%4)</source>
        <translation>Filter %1 von conv%2: seine %3 Eingangskerne (Gewichte, ±%4)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>conv%1 · filter %2
max |w| %3 · ‖w‖ %4</source>
        <translation>conv%1 · Filter %2
max |w| %3 · ‖w‖ %4</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::InspectView</name>
    <message>
        <location filename="../ui/inspect/inspect_util.cpp" line="+91"/>
        <source>column %1 · frame %2</source>
        <translation>Spalte %1 · Frame %2</translation>
    </message>
    <message>
        <location filename="../ui/inspect/inspect_view.cpp" line="-194"/>
        <source>Export as PNG</source>
        <translation>Als PNG exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export as PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Image</source>
        <translation>Bild kopieren</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::InspectorWidget</name>
    <message>
        <location filename="../ui/inspect/inspector_widget.cpp" line="+219"/>
        <source>Occluding column bands: %1 of %2…</source>
        <translation>Verdecke Spaltenbänder: %1 von %2…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saliency failed: %1</source>
        <translation>Salienz fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Alignment</source>
        <translation>Ausrichtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoders</source>
        <translation>Dekodierer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature maps</source>
        <translation>Merkmalskarten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saliency</source>
        <translation>Salienz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Columns:</source>
        <translation>&amp;Spalten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to width</source>
        <translation>An Breite anpassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 px per column</source>
        <translation>%1 px pro Spalte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Classes shown:</source>
        <translation>Angezeigte &amp;Klassen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Layer:</source>
        <translation>&amp;Schicht:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tiles per row:</source>
        <translation>&amp;Kacheln pro Zeile:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale each channel to its max</source>
        <translation>Jeden Kanal auf sein Maximum skalieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One scale for the layer</source>
        <translation>Eine Skala für die Schicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sort units:</source>
        <translation>Einheiten &amp;sortieren:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By index</source>
        <translation>Nach Index</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By variance</source>
        <translation>Nach Varianz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By correlation with the selected character</source>
        <translation>Nach Korrelation mit dem ausgewählten Zeichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Row height:</source>
        <translation>&amp;Zeilenhöhe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient (backward pass)</source>
        <translation>Gradient (Rückwärtsdurchlauf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occlusion (%1-column bands within ±%2 columns, forward passes)</source>
        <translation>Verdeckung (Bänder von %1 Spalten innerhalb ±%2 Spalten, Vorwärtsdurchläufe)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Deeper layers:</source>
        <translation>&amp;Tiefere Schichten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 norm over input channels</source>
        <translation>L2-Norm über die Eingangskanäle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean kernel over input channels</source>
        <translation>Mittlerer Kern über die Eingangskanäle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoom:</source>
        <translation>&amp;Zoom:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this view as a PNG image</source>
        <translation>Diese Ansicht als PNG-Bild speichern</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>conv%1</source>
        <translation>conv%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · %1 channels</source>
        <translation> · %1 Kanäle</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Hover the ink to see the likely characters at a column; click a character to select it.</source>
        <translation>Zeigen Sie auf die Tinte, um die wahrscheinlichen Zeichen einer Spalte zu sehen; klicken Sie auf ein Zeichen, um es auszuwählen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write or open a line to inspect how the network reads it.</source>
        <translation>Schreiben oder öffnen Sie eine Zeile, um zu untersuchen, wie das Netz sie liest.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The model does not match this recognition.</source>
        <translation>Das Modell passt nicht zu dieser Erkennung.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The line image is not the network&apos;s input (%1×%2 pixels expected).</source>
        <translation>Das Zeilenbild ist nicht die Eingabe des Netzes (%1×%2 Pixel erwartet).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Computing the gradient…</source>
        <translation>Berechne den Gradienten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occluding column bands…</source>
        <translation>Verdecke Spaltenbänder…</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::RnnActivationView</name>
    <message>
        <location filename="../ui/inspect/rnn_activation_view.cpp" line="+194"/>
        <source>No recognition yet</source>
        <translation>Noch keine Erkennung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No LSTM states: recognize with the probe on</source>
        <translation>Keine LSTM-Zustände: mit eingeschalteter Sonde erkennen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>units sorted by variance over the line</source>
        <translation>Einheiten nach Varianz über die Zeile sortiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units sorted by correlation with p(%1 | frame)</source>
        <translation>Einheiten nach Korrelation mit p(%1 | Frame) sortiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>select a character to sort by correlation</source>
        <translation>Zeichen auswählen, um nach Korrelation zu sortieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units in index order</source>
        <translation>Einheiten in Indexreihenfolge</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LSTM hidden states h = o·tanh(c)</source>
        <translation>Verborgene LSTM-Zustände h = o·tanh(c)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>h</source>
        <translation>h</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>var</source>
        <translation>Var</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>layer %1 · backward ←</source>
        <translation>Schicht %1 · rückwärts ←</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>layer %1 · forward →</source>
        <translation>Schicht %1 · vorwärts →</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 units</source>
        <translation>%1 Einheiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>r = %1</source>
        <translation>r = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variance %1</source>
        <translation>Varianz %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer %1 %2 · unit %3
h = %4 at frame %5 · %6</source>
        <translation>Schicht %1 %2 · Einheit %3
h = %4 bei Frame %5 · %6</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::SaliencyView</name>
    <message>
        <location filename="../ui/inspect/saliency_view.cpp" line="+143"/>
        <source>No recognition yet</source>
        <translation>Noch keine Erkennung</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Gradient saliency of “%1”</source>
        <translation>Gradienten-Salienz von „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>|∂ log p(%1 | frame %2) / ∂ pixel|, batch norm in inference mode; log p = %3</source>
        <translation>|∂ log p(%1 | Frame %2) / ∂ Pixel|, Batch-Normalisierung im Inferenzmodus; log p = %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Occlusion sensitivity of “%1”</source>
        <translation>Verdeckungsempfindlichkeit von „%1“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drop of log p(%1 | frame %2) when a %3-column band is blanked; log p = %4</source>
        <translation>Abfall von log p(%1 | Frame %2), wenn ein Band von %3 Spalten geleert wird; log p = %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; bands tried: columns %1–%2 (hatched: not tried)</source>
        <translation>; geprüfte Bänder: Spalten %1–%2 (schraffiert: nicht geprüft)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saliency</source>
        <translation>Salienz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a character to see which pixels it depends on.</source>
        <translation>Klicken Sie auf ein Zeichen, um zu sehen, von welchen Pixeln es abhängt.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>|∂/∂x|</source>
        <translation>|∂/∂x|</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+15"/>
        <source>drop</source>
        <translation>Abfall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>|grad|</source>
        <translation>|grad|</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Σ col</source>
        <translation>Σ Spalte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ log p</source>
        <translation>Δ log p</translation>
    </message>
</context>
</TS>
