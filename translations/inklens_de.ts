<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>inklens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+143"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit InkLens</source>
        <translation>InkLens beenden</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>&amp;System Default</source>
        <translation>&amp;Systemstandard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the language of the desktop</source>
        <translation>Die Sprache der Arbeitsumgebung verwenden</translation>
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
        <location line="+2"/>
        <source>The ink canvas will appear here: write with a mouse or a pen and watch the network read it.</source>
        <translation>Hier erscheint die Schreibfläche: Schreiben Sie mit Maus oder Stift und sehen Sie zu, wie das Netz es liest.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;A handwriting recognizer you can see inside: a CRNN (convolutional layers, a bidirectional LSTM and CTC) on its own engine, showing its filters, feature maps and the alignment of every character to the ink.&lt;/p&gt;&lt;p&gt;The bundled model is trained on &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) and &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise and volunteers).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;Eine Handschrifterkennung, in die man hineinsehen kann: ein CRNN (Faltungsschichten, ein bidirektionales LSTM und CTC) auf eigener Engine, das seine Filter, Merkmalskarten und die Zuordnung jedes Zeichens zur Tinte zeigt.&lt;/p&gt;&lt;p&gt;Das mitgelieferte Modell ist trainiert auf &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) und &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise und Freiwillige).&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft mit Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>About InkLens</source>
        <translation>Über InkLens</translation>
    </message>
</context>
</TS>
