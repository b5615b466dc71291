<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>inklens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+143"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit InkLens</source>
        <translation>Salir de InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Status Bar</source>
        <translation>Mostrar barra de e&amp;stado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>&amp;Pantalla completa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;System Default</source>
        <translation>Predeterminado del &amp;sistema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the language of the desktop</source>
        <translation>Usar el idioma del escritorio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About InkLens</source>
        <translation>&amp;Acerca de InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the version and where the model&apos;s training data comes from</source>
        <translation>Mostrar la versión y el origen de los datos de entrenamiento del modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ink canvas will appear here: write with a mouse or a pen and watch the network read it.</source>
        <translation>Aquí aparecerá el lienzo de escritura: escriba con el ratón o un lápiz y vea cómo la red lo lee.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;A handwriting recognizer you can see inside: a CRNN (convolutional layers, a bidirectional LSTM and CTC) on its own engine, showing its filters, feature maps and the alignment of every character to the ink.&lt;/p&gt;&lt;p&gt;The bundled model is trained on &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) and &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise and volunteers).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;Un reconocedor de escritura a mano por dentro: una CRNN (capas convolucionales, una LSTM bidireccional y CTC) sobre su propio motor, que muestra sus filtros, mapas de características y la alineación de cada carácter con la tinta.&lt;/p&gt;&lt;p&gt;El modelo incluido está entrenado con &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) y &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise y voluntarios).&lt;/p&gt;&lt;p&gt;Compilado con Qt %2, ejecutándose con Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>About InkLens</source>
        <translation>Acerca de InkLens</translation>
    </message>
</context>
</TS>
