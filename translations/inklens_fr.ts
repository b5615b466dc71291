<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>inklens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+143"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit InkLens</source>
        <translation>Quitter InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Status Bar</source>
        <translation>Afficher la barre d&apos;é&amp;tat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Full Screen</source>
        <translation>&amp;Plein écran</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;System Default</source>
        <translation>Langue du &amp;système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the language of the desktop</source>
        <translation>Utiliser la langue du bureau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About InkLens</source>
        <translation>À &amp;propos d&apos;InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the version and where the model&apos;s training data comes from</source>
        <translation>Afficher la version et l&apos;origine des données d&apos;entraînement du modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The ink canvas will appear here: write with a mouse or a pen and watch the network read it.</source>
        <translation>La zone d&apos;écriture apparaîtra ici : écrivez à la souris ou au stylet et regardez le réseau vous lire.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;A handwriting recognizer you can see inside: a CRNN (convolutional layers, a bidirectional LSTM and CTC) on its own engine, showing its filters, feature maps and the alignment of every character to the ink.&lt;/p&gt;&lt;p&gt;The bundled model is trained on &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) and &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise and volunteers).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;Un outil de reconnaissance d&apos;écriture manuscrite dont on voit l&apos;intérieur : un CRNN (couches de convolution, un LSTM bidirectionnel et CTC) sur son propre moteur, qui montre ses filtres, ses cartes de caractéristiques et l&apos;alignement de chaque caractère sur l&apos;encre.&lt;/p&gt;&lt;p&gt;Le modèle fourni est entraîné sur &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) et &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0 : Archives nationales, AD Yvelines, AD Val-d&apos;Oise et bénévoles).&lt;/p&gt;&lt;p&gt;Compilé avec Qt %2, exécuté avec Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>About InkLens</source>
        <translation>À propos d&apos;InkLens</translation>
    </message>
</context>
</TS>
