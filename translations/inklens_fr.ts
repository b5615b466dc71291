<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>inklens::service</name>
    <message>
        <location filename="../core/service/model_loading.cpp" line="+30"/>
        <source>cannot load language model: %1</source>
        <translation>impossible de charger le modèle de langue : %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>cannot load model %1: %2</source>
        <translation>impossible de charger le modèle %1 : %2</translation>
    </message>
    <message>
        <location filename="../core/service/recognition_service.cpp" line="+142"/>
        <source>no model given</source>
        <translation>aucun modèle fourni</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>cannot use the word list %1: %2</source>
        <translation>impossible d’utiliser la liste de mots %1 : %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../core/service/page_session.cpp" line="+139"/>
        <source>no model loaded</source>
        <translation>aucun modèle chargé</translation>
    </message>
    <message>
        <location filename="../core/service/model_locator.cpp" line="+43"/>
        <source>no model found; searched: %1; pass --model FILE</source>
        <translation>aucun modèle trouvé ; cherché dans : %1 ; indiquez --model FICHIER</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(nothing)</source>
        <translation>(rien)</translation>
    </message>
    <message>
        <location filename="../core/service/sample_store.cpp" line="+59"/>
        <source>not an SQLite database</source>
        <translation>pas une base de données SQLite</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>written by a newer InkLens (format %1)</source>
        <translation>écrite par un InkLens plus récent (format %1)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>cannot write %1: %2</source>
        <translation>impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Cannot change the sample: %1</source>
        <translation>Impossible de modifier l&apos;échantillon : %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No such sample.</source>
        <translation>Cet échantillon n&apos;existe pas.</translation>
    </message>
    <message>
        <location filename="../core/service/model_versions.cpp" line="+123"/>
        <source>cannot create the folder %1</source>
        <translation>impossible de créer le dossier %1</translation>
    </message>
</context>
<context>
    <name>inklens::service::Documents</name>
    <message>
        <location filename="../core/service/documents.cpp" line="+48"/>
        <source>InkLens opens InkML ink and pictures (%1).</source>
        <translation>InkLens ouvre l&apos;encre InkML et les images (%1).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file does not exist.</source>
        <translation>Le fichier n’existe pas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a folder, not a file.</source>
        <translation>C’est un dossier, pas un fichier.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The picture cannot be read.</source>
        <translation>L’image ne peut pas être lue.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no ink to save.</source>
        <translation>Il n’y a pas d’encre à enregistrer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file cannot be written.</source>
        <translation>Le fichier ne peut pas être écrit.</translation>
    </message>
</context>
<context>
    <name>inklens::service::FineTuningJob</name>
    <message>
        <location filename="../core/service/fine_tuning_job.cpp" line="+60"/>
        <source>cannot make a temporary folder</source>
        <translation>impossible de créer un dossier temporaire</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fine-tuning needs at least 2 usable samples (one is held out); there are %1. Correct a few more readings first.</source>
        <translation>L&apos;affinage a besoin d&apos;au moins 2 échantillons utilisables (un est mis de côté) ; il y en a %1. Corrigez d&apos;abord quelques lectures de plus.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>fine-tuning stopped without a result</source>
        <translation>l&apos;affinage s&apos;est arrêté sans résultat</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageDocument</name>
    <message>
        <location filename="../core/service/page_document.cpp" line="+227"/>
        <source>Reshape Line</source>
        <translation>Remodeler la ligne</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Move Line</source>
        <translation>Déplacer la ligne</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Split Line</source>
        <translation>Couper la ligne</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Merge Lines</source>
        <translation>Fusionner les lignes</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete Line</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Draw Line</source>
        <translation>Tracer une ligne</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit Text</source>
        <translation>Modifier le texte</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageFormats</name>
    <message>
        <location filename="../core/service/page_formats.cpp" line="+405"/>
        <source>ALTO cannot be written yet.</source>
        <translation>L’ALTO ne peut pas encore être écrit.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: unknown page format (the name should end in .txt, .xml, .alto.xml, .hocr, .html or .json).</source>
        <translation>%1 : format de page inconnu (le nom doit finir par .txt, .xml, .alto.xml, .hocr, .html ou .json).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 cannot be written: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This is not PAGE XML (the root element is %1).</source>
        <translation>Ce n’est pas du PAGE XML (l’élément racine est %1).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The PAGE XML is damaged (line %1: %2).</source>
        <translation>Le PAGE XML est endommagé (ligne %1 : %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This is not PAGE XML.</source>
        <translation>Ce n’est pas du PAGE XML.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A TextLine of the PAGE XML has no outline (Coords points).</source>
        <translation>Une TextLine du PAGE XML n’a pas de contour (Coords points).</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>The hOCR is damaged or not XHTML (line %1: %2).</source>
        <translation>Le hOCR est endommagé ou n’est pas du XHTML (ligne %1 : %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This is not hOCR (no ocr_page).</source>
        <translation>Ce n’est pas du hOCR (pas d’ocr_page).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A line of the hOCR has no bbox.</source>
        <translation>Une ligne du hOCR n’a pas de bbox.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cannot be read: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not PAGE XML, ALTO or hOCR</source>
        <translation>ni PAGE XML, ni ALTO, ni hOCR</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageImage</name>
    <message>
        <location filename="../core/service/page_image.cpp" line="+157"/>
        <location line="+150"/>
        <location line="+178"/>
        <source>The file cannot be opened.</source>
        <translation>Le fichier ne peut pas être ouvert.</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>Out of memory.</source>
        <translation>Mémoire insuffisante.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+246"/>
        <location line="+89"/>
        <source>The picture is damaged or cut short (%1).</source>
        <translation>L’image est endommagée ou tronquée (%1).</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>The file is not a picture InkLens reads (PNG, JPEG, TIFF, BMP, WebP).</source>
        <translation>Le fichier n’est pas une image que lit InkLens (PNG, JPEG, TIFF, BMP, WebP).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file does not exist.</source>
        <translation>Le fichier n’existe pas.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a folder, not a file.</source>
        <translation>C’est un dossier, pas un fichier.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is empty (0 bytes).</source>
        <translation>Le fichier est vide (0 octet).</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The file has no page %1 (it has %2).</source>
        <translation>Le fichier n’a pas de page %1 (il en a %2).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Page %1 of the file cannot be reached.</source>
        <translation>La page %1 du fichier est inaccessible.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The picture&apos;s size cannot be read: %1</source>
        <translation>La taille de l’image ne peut pas être lue : %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The picture is too large: %1 x %2 pixels (InkLens opens up to %3 million pixels).</source>
        <translation>L’image est trop grande : %1 x %2 pixels (InkLens ouvre jusqu’à %3 millions de pixels).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The picture is damaged or cut short (the JPEG data ends early).</source>
        <translation>L’image est endommagée ou tronquée (les données JPEG s’arrêtent trop tôt).</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Opening the picture was cancelled.</source>
        <translation>L&apos;ouverture de l&apos;image a été annulée.</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>The picture is too large to open in this format: %1 x %2 pixels (%3). Save it as PNG or JPEG, or smaller.</source>
        <translation>L’image est trop grande pour être ouverte dans ce format : %1 x %2 pixels (%3). Enregistrez-la en PNG ou en JPEG, ou plus petite.</translation>
    </message>
</context>
<context>
    <name>inklens::service::SampleStore</name>
    <message>
        <location filename="../core/service/sample_store.cpp" line="-152"/>
        <source>Cannot create the folder %1 for the samples.</source>
        <translation>Impossible de créer le dossier %1 des échantillons.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The sample database %1 is damaged (%2) and cannot be set aside.</source>
        <translation>La base d&apos;échantillons %1 est endommagée (%2) et ne peut pas être mise de côté.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sample database was damaged (%1); it was kept as %2 and a new one started.</source>
        <translation>La base d&apos;échantillons était endommagée (%1) ; elle a été conservée sous %2 et une nouvelle a été créée.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the sample database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base d&apos;échantillons %1 : %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+88"/>
        <source>A sample needs its ink or picture and a text.</source>
        <translation>Un échantillon a besoin de son encre ou de son image et d&apos;un texte.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Cannot store the sample in %1: %2</source>
        <translation>Impossible d&apos;enregistrer l&apos;échantillon dans %1 : %2</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Cannot create the folder %1.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No folder %1.</source>
        <translation>Pas de dossier %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+39"/>
        <source>Cannot store the samples: %1</source>
        <translation>Impossible d&apos;enregistrer les échantillons : %1</translation>
    </message>
</context>
<context>
    <name>inklens::ui::AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="+109"/>
        <source>About InkLens</source>
        <translation>À propos d&apos;InkLens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About</source>
        <translation>&amp;À propos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Build</source>
        <translation>&amp;Compilation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Licences</source>
        <translation>&amp;Licences</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Credits</source>
        <translation>&amp;Crédits</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build type</source>
        <translation>Type de compilation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compiler</source>
        <translation>Compilateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built with %1, running on %2</source>
        <translation>compilé avec %1, exécuté avec %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This copy and this computer</source>
        <translation>Cette copie et cet ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;tt&gt;inklens --version&lt;/tt&gt; prints the same; &lt;tt&gt;inklens bench&lt;/tt&gt; times the kernels.</source>
        <translation>&lt;tt&gt;inklens --version&lt;/tt&gt; affiche la même chose ; &lt;tt&gt;inklens bench&lt;/tt&gt; chronomètre les noyaux.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GNU Lesser General Public License version 3 (or GNU GPL version 2 or 3). InkLens links Qt dynamically: the Qt libraries can be replaced by another build of them. Help &gt; About Qt tells more.</source>
        <translation>GNU Lesser General Public License version 3 (ou GNU GPL version 2 ou 3). InkLens lie Qt dynamiquement : les bibliothèques Qt peuvent être remplacées par une autre compilation. Aide &gt; À propos de Qt en dit plus.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mozilla Public License 2.0. Eigen is a library of C++ templates compiled into InkLens; its source code is at %1.</source>
        <translation>Mozilla Public License 2.0. Eigen est une bibliothèque de modèles C++ compilés dans InkLens ; son code source se trouve sur %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apache License 2.0 (its core and image processing modules, linked dynamically).</source>
        <translation>Apache License 2.0 (ses modules core et traitement d&apos;images, liés dynamiquement).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>BSD 3-clause licence (the matrix products, linked dynamically).</source>
        <translation>Licence BSD à 3 clauses (les produits de matrices, liée dynamiquement).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read it at %1.</source>
        <translation>À lire sur %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On this computer: %1.</source>
        <translation>Sur cet ordinateur : %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Libraries</source>
        <translation>Bibliothèques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>InkLens is built on these libraries, each under its own licence:</source>
        <translation>InkLens repose sur ces bibliothèques, chacune sous sa propre licence :</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every licence and credit of this copy: %1.</source>
        <translation>Toutes les licences et tous les crédits de cette copie : %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Training data</source>
        <translation>Données d&apos;entraînement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundled model learned to read from these collections of handwritten lines:</source>
        <translation>Le modèle fourni a appris à lire sur ces collections de lignes manuscrites :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Copiste d&apos;un jour&lt;/b&gt;: Bibliothèque et Archives nationales du Québec (BAnQ), CC BY 4.0.</source>
        <translation>&lt;b&gt;Copiste d&apos;un jour&lt;/b&gt; : Bibliothèque et Archives nationales du Québec (BAnQ), CC BY 4.0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Testaments de Poilus&lt;/b&gt;: CREMMA, CC BY 4.0; documents of the Archives nationales, the Archives départementales des Yvelines and du Val-d&apos;Oise, transcribed by volunteers.</source>
        <translation>&lt;b&gt;Testaments de Poilus&lt;/b&gt; : CREMMA, CC BY 4.0 ; documents des Archives nationales, des Archives départementales des Yvelines et du Val-d&apos;Oise, transcrits par des bénévoles.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It also learned from synthetic lines, drawn in handwriting fonts under the SIL Open Font License 1.1 (%1; Homemade Apple: Apache License 2.0) and in the Hershey fonts (created by Dr. A. V. Hershey at the U.S. National Bureau of Standards; data format by James Hurt, Cognition, Inc.).</source>
        <translation>Il a aussi appris sur des lignes synthétiques, tracées dans des polices manuscrites sous SIL Open Font License 1.1 (%1 ; Homemade Apple : Apache License 2.0) et dans les polices Hershey (créées par le Dr A. V. Hershey au U.S. National Bureau of Standards ; format des données de James Hurt, Cognition, Inc.).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CC BY 4.0: %1</source>
        <translation>CC BY 4.0 : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language models</source>
        <translation>Modèles de langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language models count the training transcriptions and Debian&apos;s word lists: wamerican and wbritish (SCOWL) for English, wspanish (public domain) for Spanish. German&apos;s is made from wngerman (GPL) by a build from source and is not distributed.</source>
        <translation>Les modèles de langue comptent les transcriptions d&apos;entraînement et les listes de mots de Debian : wamerican et wbritish (SCOWL) pour l&apos;anglais, wspanish (domaine public) pour l&apos;espagnol. Celui de l&apos;allemand est fait à partir de wngerman (GPL) lors d&apos;une compilation depuis les sources et n&apos;est pas distribué.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::DocumentArea</name>
    <message>
        <location filename="../ui/document_area.cpp" line="+55"/>
        <source>Page %1 cannot be opened: %2</source>
        <translation>La page %1 ne peut pas être ouverte : %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The lines of the page were not found: %1</source>
        <translation>Les lignes de la page n’ont pas été trouvées : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No lines found on the page: draw them (R: a rectangle, P: a polygon).</source>
        <translation>Aucune ligne trouvée sur la page : tracez-les (R : un rectangle, P : un polygone).</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>Open %1</source>
        <translation>Ouvrir %1</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+12"/>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>The ink file is too large: %1 MB (the window opens InkML files of up to %2 MB and %3 points; `inklens recognize` reads larger ones).</source>
        <translation>Le fichier d’encre est trop grand : %1 Mo (la fenêtre ouvre des fichiers InkML jusqu’à %2 Mo et %3 points ; `inklens recognize` lit les plus grands).</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+23"/>
        <source>Opening %1 was cancelled.</source>
        <translation>L&apos;ouverture de %1 a été annulée.</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+27"/>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>%1, page %2 of %3</source>
        <translation>%1, page %2 sur %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (the window opens ink of up to %2 points; `inklens recognize` reads more)</source>
        <translation>%1 (la fenêtre ouvre de l’encre jusqu’à %2 points ; `inklens recognize` en lit davantage)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Pasted picture</source>
        <translation>Image collée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no picture or file that InkLens opens to paste.</source>
        <translation>Il n’y a ni image ni fichier à coller qu’InkLens sache ouvrir.</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Keep one line of text for each line of the page to correct it.</source>
        <translation>Gardez une ligne de texte par ligne de la page pour la corriger.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit Text</source>
        <translation>Modifier le texte</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The undone correction&apos;s sample was not removed: %1</source>
        <translation>L&apos;échantillon de la correction annulée n&apos;a pas été supprimé : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Correction undone: its sample removed (%n in all).</source>
        <translation>
            <numerusform>Correction annulée : son échantillon est supprimé (%n en tout).</numerusform>
            <numerusform>Correction annulée : son échantillon est supprimé (%n en tout).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep one line of text for each line of ink to correct it.</source>
        <translation>Gardez une ligne de texte par ligne d&apos;encre pour la corriger.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The correction was not kept: %1</source>
        <translation>La correction n&apos;a pas été conservée : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Correction kept as a sample for fine-tuning (%n in all).</source>
        <translation>
            <numerusform>Correction conservée comme échantillon pour l&apos;affinage (%n en tout).</numerusform>
            <numerusform>Correction conservée comme échantillon pour l&apos;affinage (%n en tout).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ink</source>
        <translation>Encre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write with the mouse or a pen</source>
        <translation>Écrire à la souris ou au stylet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture of one line of handwriting</source>
        <translation>L&apos;image d&apos;une ligne manuscrite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A page of handwriting: its lines and their text</source>
        <translation>Une page manuscrite : ses lignes et leur texte</translation>
    </message>
</context>
<context>
    <name>inklens::ui::FileDialogs</name>
    <message>
        <location filename="../ui/file_dialogs.cpp" line="+41"/>
        <source>Ink and images (%1)</source>
        <translation>Encre et images (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>InkML ink (%1)</source>
        <translation>Encre InkML (%1)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open Ink or Image</source>
        <translation>Ouvrir de l&apos;encre ou une image</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Ink As</source>
        <translation>Enregistrer l&apos;encre sous</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Plain text (*.txt)</source>
        <translation>Texte brut (*.txt)</translation>
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
        <translation>Exporter la page</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+7"/>
        <source>Cannot Open</source>
        <translation>Ouverture impossible</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Cannot open %1:
%2</source>
        <translation>Impossible d&apos;ouvrir %1&#xa0;:
%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot Save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot save %1:
%2</source>
        <translation>Impossible d&apos;enregistrer %1&#xa0;:
%2</translation>
    </message>
</context>
<context>
    <name>inklens::ui::FineTuneDialog</name>
    <message>
        <location filename="../ui/finetune_dialog.cpp" line="+129"/>
        <source>The model was not kept: %1</source>
        <translation>Le modèle n&apos;a pas été conservé : %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Corrected samples to learn from: %1. Fine-tuning needs at least 2: correct a few readings first (F2 or a double click on the text), or import a folder in Tools &gt; Samples.</source>
        <translation>Échantillons corrigés pour apprendre : %1. L&apos;affinage en demande au moins 2 : corrigez d&apos;abord quelques lectures (F2 ou double-clic sur le texte), ou importez un dossier dans Outils &gt; Échantillons.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected samples to learn from: %1, of which %2 are held out to check the result.</source>
        <translation>Échantillons corrigés pour apprendre : %1, dont %2 mis de côté pour vérifier le résultat.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no model to fine-tune.</source>
        <translation>Il n&apos;y a pas de modèle à affiner.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Preparing the samples and the general lines...</source>
        <translation>Préparation des échantillons et des lignes générales…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling...</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Step %1, %2 s: loss %3, held-out CER %4</source>
        <translation>Étape %1, %2 s : perte %3, CER des échantillons mis de côté %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled at step %1; the model in use is unchanged.</source>
        <translation>Annulé à l&apos;étape %1 ; le modèle utilisé est inchangé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done: %1 steps in %2 s.</source>
        <translation>Terminé : %1 étapes en %2 s.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing was changed.</source>
        <translation>Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Better on your held-out samples and not worse on general lines. Keep it to use it from now on (you can roll back at any time in Tools &gt; Model Versions).</source>
        <translation>Meilleur sur vos échantillons mis de côté et pas pire sur les lignes générales. Conservez-le pour l&apos;utiliser désormais (vous pourrez revenir en arrière à tout moment dans Outils &gt; Versions du modèle).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not offered: it does not read your held-out samples better. Try more samples, more minutes or letting more of the model adapt.</source>
        <translation>Non proposé : il ne lit pas mieux vos échantillons mis de côté. Essayez plus d&apos;échantillons, plus de minutes ou d&apos;adapter une plus grande partie du modèle.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not offered: it reads general lines worse than allowed (at most %1 points more). Try adapting less of the model.</source>
        <translation>Non proposé : il lit les lignes générales moins bien que permis (au plus %1 points de plus). Essayez d&apos;adapter une plus petite partie du modèle.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fine-tuning failed: %1</source>
        <translation>L&apos;affinage a échoué : %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Your held-out samples (%1)</source>
        <translation>Vos échantillons mis de côté (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General lines (%1)</source>
        <translation>Lignes générales (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>General lines</source>
        <translation>Lignes générales</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>there is no better model to keep</source>
        <translation>il n&apos;y a pas de meilleur modèle à conserver</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kept as %1; it is the model in use now.</source>
        <translation>Conservé sous %1 ; c’est maintenant le modèle utilisé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuned model %1 in use.</source>
        <translation>Modèle affiné %1 utilisé.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Fine-tune</source>
        <translation>Affiner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your handwriting from the readings you corrected. It trains a copy of the model in use, mixed with general lines so that it does not forget, and checks the result on samples it did not train on. The model in use changes only if you keep the result.</source>
        <translation>Apprenez votre écriture au modèle à partir des lectures que vous avez corrigées. Une copie du modèle utilisé est entraînée, avec des lignes générales pour qu&apos;il n&apos;oublie rien, et le résultat est vérifié sur des échantillons qui n&apos;ont pas servi à l&apos;entraînement. Le modèle utilisé ne change que si vous conservez le résultat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;What adapts:</source>
        <translation>&amp;Ce qui s&apos;adapte :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The output layer (fastest, smallest change)</source>
        <translation>La couche de sortie (le plus rapide, le plus petit changement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The LSTMs and the output layer</source>
        <translation>Les LSTM et la couche de sortie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (recommended)</source>
        <translation>%1 (recommandé)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Minutes:</source>
        <translation>&amp;Minutes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watch it &amp;learn (the inspection views follow the training)</source>
        <translation>Le regarder app&amp;rendre (les vues d&apos;inspection suivent l&apos;entraînement)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held-out CER</source>
        <translation>CER mis de côté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>étape</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character error rate</source>
        <translation>Taux d’erreur de caractères</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep</source>
        <translation>C&amp;onserver</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ImageView</name>
    <message>
        <location filename="../ui/image_view.cpp" line="+39"/>
        <source>Open a picture of one line of handwriting (File &gt; Open) or drop it here.</source>
        <translation>Ouvrez l&apos;image d&apos;une ligne manuscrite (Fichier &gt; Ouvrir) ou déposez-la ici.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InkCanvas</name>
    <message>
        <location filename="../ui/ink_canvas.cpp" line="+310"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Stroke</source>
        <translation>Trait</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <source>Erase</source>
        <translation>Gommer</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Write a word or a line here. Right button or the pen&apos;s eraser erases.</source>
        <translation>Écrivez ici un mot ou une ligne. Le bouton droit ou la gomme du stylet efface.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InkToolBar</name>
    <message>
        <location filename="../ui/ink_toolbar.cpp" line="+55"/>
        <source>Ink</source>
        <translation>Encre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pen width:</source>
        <translation>É&amp;paisseur du trait&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width of the strokes on the screen; it does not change what the network reads</source>
        <translation>Épaisseur des traits à l&apos;écran&#xa0;; elle ne change pas ce que lit le réseau</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InspectionDocks</name>
    <message>
        <location filename="../ui/inspection_docks.cpp" line="+74"/>
        <source>I&amp;nspector</source>
        <translation>I&amp;nspecteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the inspection views: how the network reads the line</source>
        <translation>Afficher ou masquer les vues d’inspection : comment le réseau lit la ligne</translation>
    </message>
</context>
<context>
    <name>inklens::ui::LanguageMenu</name>
    <message>
        <location filename="../ui/language_menu.cpp" line="+65"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
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
</context>
<context>
    <name>inklens::ui::LiveRecognition</name>
    <message>
        <location filename="../ui/live_recognition.cpp" line="+40"/>
        <source>Recognition failed: %1</source>
        <translation>Échec de la reconnaissance&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recognition is off: %1
Writing, opening and saving ink still work.</source>
        <translation>La reconnaissance est désactivée&#xa0;: %1
Vous pouvez toujours écrire, ouvrir et enregistrer de l&apos;encre.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+236"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Inspection</source>
        <translation>&amp;Inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recognition</source>
        <translation>&amp;Reconnaissance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open...</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export Page...</source>
        <translation>&amp;Exporter la page…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the page&apos;s lines: text, PAGE XML, ALTO or hOCR (outlines, baselines, confidences)</source>
        <translation>Enregistrer les lignes de la page : texte, PAGE XML, ALTO ou hOCR (contours, lignes de base, confiances)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Ink As...</source>
        <translation>&amp;Enregistrer l&apos;encre sous…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the strokes on the canvas as InkML</source>
        <translation>Enregistrer les traits de la zone d&apos;écriture en InkML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quit InkLens</source>
        <translation>Quitter InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Open ink (InkML), a picture of a line of handwriting or a page</source>
        <translation>Ouvrir de l’encre (InkML), l’image d’une ligne manuscrite ou une page</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the picture or file on the clipboard</source>
        <translation>Ouvrir l’image ou le fichier du presse-papiers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take back the last stroke, erasure, clearing or line edit</source>
        <translation>Annuler le dernier trait, effacement, nettoyage ou la dernière modification de ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Do again what was taken back</source>
        <translation>Refaire ce qui a été annulé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy Text</source>
        <translation>&amp;Copier le texte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the recognized text to the clipboard</source>
        <translation>Copier le texte reconnu dans le presse-papiers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear Ink</source>
        <translation>&amp;Effacer l&apos;encre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every stroke from the canvas (can be undone)</source>
        <translation>Retirer tous les traits de la zone d&apos;écriture (annulable)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Guide Lines</source>
        <translation>&amp;Lignes guides</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the baseline and the height of small letters on the canvas</source>
        <translation>Afficher la ligne de base et la hauteur des minuscules sur la zone d&apos;écriture</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location filename="../ui/app_info.cpp" line="+22"/>
        <source>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;A handwriting recognizer you can see inside: a CRNN (convolutional layers, a bidirectional LSTM and CTC) on its own engine, showing its filters, feature maps and the alignment of every character to the ink.&lt;/p&gt;&lt;p&gt;The bundled model is trained on &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) and &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise and volunteers).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;Un outil de reconnaissance d&apos;écriture manuscrite dont on voit l&apos;intérieur : un CRNN (couches de convolution, un LSTM bidirectionnel et CTC) sur son propre moteur, qui montre ses filtres, ses cartes de caractéristiques et l&apos;alignement de chaque caractère sur l&apos;encre.&lt;/p&gt;&lt;p&gt;Le modèle fourni est entraîné sur &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) et &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0 : Archives nationales, AD Yvelines, AD Val-d&apos;Oise et bénévoles).&lt;/p&gt;&lt;p&gt;Compilé avec Qt %2, exécuté avec Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;p&gt;Engine kernels on this computer: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Noyaux de calcul du moteur sur cet ordinateur : %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="-40"/>
        <source>Model not loaded</source>
        <translation>Modèle non chargé</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ModelVersionsDialog</name>
    <message>
        <location filename="../ui/model_versions_dialog.cpp" line="+37"/>
        <source>the output layer</source>
        <translation>la couche de sortie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the LSTMs and the output layer</source>
        <translation>les LSTM et la couche de sortie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>everything</source>
        <translation>tout</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Bundled model</source>
        <translation>Modèle fourni</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>damaged: %1</source>
        <translation>endommagé : %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>in use</source>
        <translation>utilisé</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Fine-tuned from %1 (what adapted: %2) on %3 training and %4 held-out samples; general set: %5.</source>
        <translation>Affiné à partir de %1 (adapté : %2) sur %3 échantillons d&apos;entraînement et %4 mis de côté ; ensemble général : %5.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file does not load (%1). It is left where it is: %2</source>
        <translation>Ce fichier ne se charge pas (%1). Il est laissé où il est : %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model that comes with InkLens. It is never changed.</source>
        <translation>Le modèle fourni avec InkLens. Il n&apos;est jamais modifié.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Model %1 in use.</source>
        <translation>Modèle %1 utilisé.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bundled model is in use again.</source>
        <translation>Le modèle fourni est de nouveau utilisé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model Versions</source>
        <translation>Versions du modèle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every fine-tuned model you kept, newest first. Restore one to use it, or roll back to the model that comes with InkLens.</source>
        <translation>Chaque modèle affiné que vous avez conservé, le plus récent en premier. Restaurez-en un pour l’utiliser, ou revenez au modèle fourni avec InkLens.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Samples</source>
        <translation>Échantillons</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your samples&apos; CER</source>
        <translation>CER de vos échantillons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General CER</source>
        <translation>CER générale</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roll &amp;Back to the Bundled Model</source>
        <translation>&amp;Revenir au modèle fourni</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageChooser</name>
    <message>
        <location filename="../ui/page_chooser.cpp" line="+55"/>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page of the file (Ctrl+Page Up)</source>
        <translation>Page précédente du fichier (Ctrl+Page préc.)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page of the file (Ctrl+Page Down)</source>
        <translation>Page suivante du fichier (Ctrl+Page suiv.)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageLineList</name>
    <message>
        <location filename="../ui/page_lines.cpp" line="+111"/>
        <source>edited</source>
        <translation>modifiée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your text. Read: %1</source>
        <translation>Votre texte. Lu : %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not read yet</source>
        <translation>Pas encore lue</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Low confidence: check this line</source>
        <translation>Confiance faible : vérifiez cette ligne</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text of each line. Double-click a text (or start typing) to correct it.</source>
        <translation>Le texte de chaque ligne. Double-cliquez sur un texte (ou commencez à taper) pour le corriger.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageProgress</name>
    <message>
        <location filename="../ui/page_progress.cpp" line="+67"/>
        <source>Reading lines</source>
        <translation>Lecture des lignes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the ink</source>
        <translation>Ouverture de l’encre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the picture</source>
        <translation>Ouverture de l&apos;image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop opening the ink</source>
        <translation>Arrêter d’ouvrir l’encre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop opening the picture</source>
        <translation>Arrêter l&apos;ouverture de l&apos;image</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Stop reading the page&apos;s lines (those read stay)</source>
        <translation>Arrêter la lecture des lignes de la page (celles déjà lues restent)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageView</name>
    <message>
        <location filename="../ui/page_view.cpp" line="+116"/>
        <source>&amp;Split Line Here</source>
        <translation>&amp;Couper la ligne ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge with Next Line</source>
        <translation>&amp;Fusionner avec la ligne suivante</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Line</source>
        <translation>&amp;Supprimer la ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a Line as a &amp;Rectangle</source>
        <translation>Tracer une ligne en &amp;rectangle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a Line as a &amp;Polygon</source>
        <translation>Tracer une ligne en &amp;polygone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit Page to Window</source>
        <translation>&amp;Ajuster la page à la fenêtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a line to see how it was read; drag it to move it, drag a corner to reshape it. Right-click for more.</source>
        <translation>Cliquez sur une ligne pour voir comment elle a été lue ; faites-la glisser pour la déplacer, faites glisser un coin pour la remodeler. Clic droit pour plus.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::RecognitionOptions</name>
    <message>
        <location filename="../ui/recognition_options.cpp" line="+120"/>
        <source>Word list not used</source>
        <translation>Liste de mots non utilisée</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>No word list for %1 is installed (Debian: %2)</source>
        <translation>Aucune liste de mots pour %1 n&apos;est installée (Debian : %2)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose a Word List</source>
        <translation>Choisir une liste de mots</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use the &amp;Language Model</source>
        <translation>Utiliser le modèle de &amp;langue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let a model of letter sequences choose between readings the network finds equally likely</source>
        <translation>Laisser un modèle des suites de lettres choisir entre des lectures que le réseau juge également probables</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level &amp;Skewed Lines</source>
        <translation>Redresser les lignes &amp;inclinées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straighten a line written uphill or downhill before reading it</source>
        <translation>Redresser une ligne écrite en montant ou en descendant avant de la lire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a &amp;Word List...</source>
        <translation>Utiliser une liste de &amp;mots...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefer the words of a list (a text file, one or more words per line): a word outside it is still read when the ink leaves no doubt</source>
        <translation>Préférer les mots d’une liste (un fichier texte, un ou plusieurs mots par ligne) : un mot absent de la liste est tout de même lu quand l’écriture ne laisse aucun doute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;No Word List</source>
        <translation>&amp;Aucune liste de mots</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read any sequence of letters again</source>
        <translation>Lire de nouveau toute suite de lettres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the Writing Language&apos;s Wo&amp;rd List</source>
        <translation>Utiliser la liste de mots de la lan&amp;gue de l&apos;écriture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefer the words of the writing language&apos;s list (installed in /usr/share/dict); it changes with the language</source>
        <translation>Préférer les mots de la liste de la langue de l&apos;écriture (installée dans /usr/share/dict) ; elle change avec la langue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Automatic</source>
        <translation>&amp;Automatique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read each line with every language&apos;s language model and word list, and keep the best reading</source>
        <translation>Lire chaque ligne avec le modèle de langue et la liste de mots de chaque langue, et garder la meilleure lecture</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wr&amp;iting Language</source>
        <translation>Langue de l&apos;é&amp;criture</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language of the writing: its language model and word list help the reading</source>
        <translation>La langue de l&apos;écriture : son modèle de langue et sa liste de mots aident la lecture</translation>
    </message>
</context>
<context>
    <name>inklens::ui::SampleBrowser</name>
    <message>
        <location filename="../ui/sample_browser.cpp" line="+156"/>
        <source>The samples were not exported: %1</source>
        <translation>Les échantillons n&apos;ont pas été exportés : %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The samples were not imported: %1</source>
        <translation>Les échantillons n&apos;ont pas été importés : %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files that could not be read were skipped: %1.</source>
        <translation>Fichiers illisibles ignorés : %1.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>(cannot be shown)</source>
        <translation>(ne peut pas être affiché)</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Ink</source>
        <translation>Encre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Picture</source>
        <translation>Image</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click to correct the text</source>
        <translation>Double-cliquez pour corriger le texte</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>The samples cannot be opened: %1</source>
        <translation>Les échantillons ne peuvent pas être ouverts : %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A sample needs a text; delete it instead.</source>
        <translation>Un échantillon a besoin d’un texte ; supprimez-le plutôt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The text was not changed: %1</source>
        <translation>Le texte n&apos;a pas été modifié : %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The sample was not changed: %1</source>
        <translation>L&apos;échantillon n&apos;a pas été modifié : %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The sample was not deleted: %1</source>
        <translation>L&apos;échantillon n&apos;a pas été supprimé : %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Delete Samples</source>
        <translation>Supprimer des échantillons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected samples (%1)? This cannot be undone; excluding keeps a sample out of fine-tuning without losing it.</source>
        <translation>Supprimer les échantillons sélectionnés (%1) ? Cette action est irréversible ; exclure un échantillon le tient à l&apos;écart de l&apos;affinage sans le perdre.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Import Samples from a Ground-Truth Folder</source>
        <translation>Importer des échantillons d&apos;un dossier de vérité terrain</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Samples as a Ground-Truth Folder</source>
        <translation>Exporter les échantillons comme dossier de vérité terrain</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No samples yet. Correct a reading (F2 or a double click on the text) to keep one, or import a ground-truth folder.</source>
        <translation>Pas encore d&apos;échantillons. Corrigez une lecture (F2 ou double-clic sur le texte) pour en conserver un, ou importez un dossier de vérité terrain.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Samples: %1; used for fine-tuning: %2; excluded: %3.</source>
        <translation>Échantillons : %1 ; utilisés pour l&apos;affinage : %2 ; exclus : %3.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Samples</source>
        <translation>Échantillons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readings you corrected, kept to teach the model your handwriting (Tools &gt; Fine-tune). Double-click a text to correct it; exclude a sample to keep it out of fine-tuning.</source>
        <translation>Les lectures que vous avez corrigées, conservées pour apprendre votre écriture au modèle (Outils &gt; Affiner). Double-cliquez sur un texte pour le corriger ; excluez un échantillon pour le tenir à l&apos;écart de l&apos;affinage.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample</source>
        <translation>Échantillon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read as</source>
        <translation>Lu comme</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excluded</source>
        <translation>Exclu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xclude</source>
        <translation>E&amp;xclure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Include</source>
        <translation>&amp;Inclure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete...</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;mport Folder...</source>
        <translation>I&amp;mporter un dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Folder...</source>
        <translation>E&amp;xporter un dossier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the selected samples out of fine-tuning</source>
        <translation>Tenir les échantillons sélectionnés à l&apos;écart de l&apos;affinage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the selected samples for fine-tuning again</source>
        <translation>Utiliser de nouveau les échantillons sélectionnés pour l&apos;affinage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the lines of a ground-truth folder (NAME.png or NAME.inkml with NAME.gt.txt)</source>
        <translation>Ajouter les lignes d&apos;un dossier de vérité terrain (NOM.png ou NOM.inkml avec NOM.gt.txt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the samples not excluded as a ground-truth folder (NAME.png or NAME.inkml with NAME.gt.txt), as inklens finetune reads it</source>
        <translation>Écrire les échantillons non exclus comme dossier de vérité terrain (NOM.png ou NOM.inkml avec NOM.gt.txt), tel que inklens finetune le lit</translation>
    </message>
</context>
<context>
    <name>inklens::ui::StatusBar</name>
    <message>
        <location filename="../ui/status_bar.cpp" line="+45"/>
        <source>Reading without a language model: %1</source>
        <translation>Lecture sans modèle de langue : %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading without a word list</source>
        <translation>Lecture sans liste de mots</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Reading with the word list %1 (%n words)</source>
        <translation>
            <numerusform>Lecture avec la liste de mots %1 (%n mot)</numerusform>
            <numerusform>Lecture avec la liste de mots %1 (%n mots)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>normalize %1 ms · network %2 ms · decode %3 ms</source>
        <translation>normalisation %1 ms · réseau %2 ms · décodage %3 ms</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From the request to the text shown: %1 ms (waiting %2 ms)</source>
        <translation>De la requête au texte affiché&#xa0;: %1 ms (attente %2 ms)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading the model...</source>
        <translation>Chargement du modèle…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model: recognition is off</source>
        <translation>Aucun modèle&#xa0;: reconnaissance désactivée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading...</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model: %1</source>
        <translation>Modèle&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Words: %1</source>
        <translation>Mots : %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1: %n words</source>
        <translation>
            <numerusform>%1 : %n mot</numerusform>
            <numerusform>%1 : %n mots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>inklens::ui::TextPanel</name>
    <message>
        <location filename="../ui/text_panel.cpp" line="+353"/>
        <source>&amp;Text</source>
        <translation>&amp;Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alternatives</source>
        <translation>&amp;Autres lectures</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>(nothing)</source>
        <translation>(rien)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 % of the likelihood of the listed readings</source>
        <translation>%1 % de la vraisemblance des lectures proposées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log-probability %1 (network)</source>
        <translation>log-probabilité %1 (réseau)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ranking score %1 (network plus language model / word list)</source>
        <translation>score de classement %1 (réseau plus modèle de langue / liste de mots)</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>The right text of line %1 (Enter keeps it, Escape cancels)</source>
        <translation>Le bon texte de la ligne %1 (Entrée le garde, Échap annule)</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Other readings, most likely first, each with its share of their likelihood as the decoder ranks them (network, language model and word list together). Click one to use it.</source>
        <translation>Autres lectures, la plus probable d’abord, chacune avec sa part de leur vraisemblance selon le classement du décodeur (réseau, modèle de langue et liste de mots ensemble). Cliquez sur l’une pour l’utiliser.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wavy underline: read with a confidence below %1 %. F2 or a double click corrects the text.</source>
        <translation>Soulignement ondulé : lu avec une confiance inférieure à %1 %. F2 ou un double clic corrige le texte.</translation>
    </message>
    <message>
        <location line="-109"/>
        <location line="+113"/>
        <source>The right text (Enter keeps it, Escape cancels)</source>
        <translation>Le bon texte (Entrée le garde, Échap annule)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(nothing recognized)</source>
        <translation>(rien de reconnu)</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>confidence %1 %</source>
        <translation>confiance %1&#xa0;%</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ToolsMenu</name>
    <message>
        <location filename="../ui/tools_menu.cpp" line="+118"/>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Samples...</source>
        <translation>&amp;Échantillons…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review the corrected samples: relabel, exclude, delete, import and export them</source>
        <translation>Revoir les échantillons corrigés : les réétiqueter, exclure, supprimer, importer et exporter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fine-tune...</source>
        <translation>&amp;Affiner…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your handwriting from your corrected samples</source>
        <translation>Apprendre votre écriture au modèle à partir de vos échantillons corrigés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model &amp;Versions...</source>
        <translation>&amp;Versions du modèle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a fine-tuned model you kept, or go back to the bundled one</source>
        <translation>Utiliser un modèle affiné que vous avez conservé, ou revenir au modèle fourni</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::ColumnView</name>
    <message>
        <location filename="../ui/inspect/inspect_view.cpp" line="+178"/>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ink</source>
        <translation>encre</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>frame</source>
        <translation>trame</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>column</source>
        <translation>colonne</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::CtcView</name>
    <message>
        <location filename="../ui/inspect/ctc_view.cpp" line="+181"/>
        <source>No recognition yet</source>
        <translation>Aucune reconnaissance pour l’instant</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CTC posteriors p(class | frame)</source>
        <translation>Probabilités a posteriori CTC p(classe | trame)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 classes · white line: decoded path</source>
        <translation>%1 classes sur %2 · ligne blanche : chemin décodé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Hover a column to see its most likely classes.</source>
        <translation>Survolez une colonne pour voir ses classes les plus probables.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>p(%1 | frame %2) = %3</source>
        <translation>p(%1 | trame %2) = %3</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::DecoderComparison</name>
    <message>
        <location filename="../ui/inspect/decoder_comparison.cpp" line="+63"/>
        <source>Beam width:</source>
        <translation>Largeur du faisceau :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N-best:</source>
        <translation>N meilleures :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language model</source>
        <translation>Modèle de langue</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rank the beam&apos;s hypotheses with the model&apos;s character language model too</source>
        <translation>Classer aussi les hypothèses du faisceau avec le modèle de langue en caractères du modèle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Greedy (best path)</source>
        <translation>Glouton (meilleur chemin)</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+131"/>
        <source>Prefix beam search</source>
        <translation>Recherche en faisceau par préfixes</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>#</source>
        <translation>n°</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log P</source>
        <translation>log P</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ score</source>
        <translation>Δ score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log P (LM)</source>
        <translation>log P (ML)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The line is too short to decode.</source>
        <translation>La ligne est trop courte pour être décodée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No recognition yet</source>
        <translation>Aucune reconnaissance pour l’instant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decoding…</source>
        <translation>Décodage…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>log P(best path) = %1
(the probability of this one alignment, not of the text)</source>
        <translation>log P(meilleur chemin) = %1
(la probabilité de ce seul alignement, pas du texte)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefix beam search + language model</source>
        <translation>Recherche en faisceau par préfixes + modèle de langue</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Greedy and beam search agree.</source>
        <translation>Le décodage glouton et la recherche en faisceau concordent.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy and beam search differ (highlighted).</source>
        <translation>Le décodage glouton et la recherche en faisceau diffèrent (surligné).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share: probability relative to the listed hypotheses.</source>
        <translation>Part : probabilité relative aux hypothèses listées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoded in %1 ms.</source>
        <translation>Décodé en %1 ms.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::FeatureMapView</name>
    <message>
        <location filename="../ui/inspect/feature_map_view.cpp" line="+233"/>
        <source>No recognition yet</source>
        <translation>Aucune reconnaissance pour l’instant</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No feature maps: recognize with the probe on</source>
        <translation>Pas de cartes de caractéristiques : reconnaître avec la sonde activée</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>conv%1 · %2 channels of %3×%4</source>
        <translation>conv%1 · %2 canaux de %3×%4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>after the activation; one map column per image column</source>
        <translation>après l’activation ; une colonne de carte par colonne d’image</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after the activation; one map column per %1 image columns</source>
        <translation>après l’activation ; une colonne de carte pour %1 colonnes d’image</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>activation ÷ channel max</source>
        <translation>activation ÷ max du canal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>activation</source>
        <translation>activation</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ch %1
over ink</source>
        <translation>canal %1
sur l’encre</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>conv%1 · channel %2
value %3 (channel max %4)</source>
        <translation>conv%1 · canal %2
valeur %3 (max du canal %4)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::FilterView</name>
    <message>
        <location filename="../ui/inspect/filter_view.cpp" line="+213"/>
        <source>No model loaded</source>
        <translation>Aucun modèle chargé</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>conv%1 · %2 filters of %3×%4×%4</source>
        <translation>conv%1 · %2 filtres de %3×%4×%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>weights</source>
        <translation>poids</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 norm over the %1 input channels</source>
        <translation>norme L2 sur les %1 canaux d’entrée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean over the %1 input channels</source>
        <translation>moyenne sur les %1 canaux d’entrée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (before batch norm)</source>
        <translation> (avant la normalisation par lots)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>weight</source>
        <translation>poids</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖w‖</source>
        <translation>‖w‖</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>filter %1 of conv%2: its %3 input kernels (weights, ±%4)</source>
        <translation>filtre %1 de conv%2 : ses %3 noyaux d’entrée (poids, ±%4)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>conv%1 · filter %2
max |w| %3 · ‖w‖ %4</source>
        <translation>conv%1 · filtre %2
max |w| %3 · ‖w‖ %4</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::InspectView</name>
    <message>
        <location filename="../ui/inspect/inspect_util.cpp" line="+91"/>
        <source>column %1 · frame %2</source>
        <translation>colonne %1 · trame %2</translation>
    </message>
    <message>
        <location filename="../ui/inspect/inspect_view.cpp" line="-194"/>
        <source>Export as PNG</source>
        <translation>Exporter en PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export as PNG…</source>
        <translation>Exporter en PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Image</source>
        <translation>Copier l’image</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::InspectorWidget</name>
    <message>
        <location filename="../ui/inspect/inspector_widget.cpp" line="+219"/>
        <source>Occluding column bands: %1 of %2…</source>
        <translation>Masquage des bandes de colonnes : %1 sur %2…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saliency failed: %1</source>
        <translation>Échec de la saillance : %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Alignment</source>
        <translation>Alignement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoders</source>
        <translation>Décodeurs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature maps</source>
        <translation>Cartes de caractéristiques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saliency</source>
        <translation>Saillance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Columns:</source>
        <translation>&amp;Colonnes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to width</source>
        <translation>Ajuster à la largeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 px per column</source>
        <translation>%1 px par colonne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Classes shown:</source>
        <translation>&amp;Classes affichées :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Layer:</source>
        <translation>C&amp;ouche :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tiles per row:</source>
        <translation>&amp;Tuiles par ligne :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale each channel to its max</source>
        <translation>Mettre chaque canal à l’échelle de son max</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One scale for the layer</source>
        <translation>Une échelle pour la couche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sort units:</source>
        <translation>&amp;Trier les unités :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By index</source>
        <translation>Par indice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By variance</source>
        <translation>Par variance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By correlation with the selected character</source>
        <translation>Par corrélation avec le caractère sélectionné</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Row height:</source>
        <translation>&amp;Hauteur de ligne :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Method:</source>
        <translation>&amp;Méthode :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient (backward pass)</source>
        <translation>Gradient (passe arrière)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occlusion (%1-column bands within ±%2 columns, forward passes)</source>
        <translation>Occultation (bandes de %1 colonnes à ±%2 colonnes, passes avant)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Deeper layers:</source>
        <translation>Couches &amp;profondes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 norm over input channels</source>
        <translation>Norme L2 sur les canaux d’entrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean kernel over input channels</source>
        <translation>Noyau moyen sur les canaux d’entrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Zoom:</source>
        <translation>&amp;Zoom :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export PNG…</source>
        <translation>Exporter en PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this view as a PNG image</source>
        <translation>Enregistrer cette vue en image PNG</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>conv%1</source>
        <translation>conv%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · %1 channels</source>
        <translation> · %1 canaux</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Hover the ink to see the likely characters at a column; click a character to select it.</source>
        <translation>Survolez l’encre pour voir les caractères probables d’une colonne ; cliquez sur un caractère pour le sélectionner.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write or open a line to inspect how the network reads it.</source>
        <translation>Écrivez ou ouvrez une ligne pour examiner comment le réseau la lit.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The model does not match this recognition.</source>
        <translation>Le modèle ne correspond pas à cette reconnaissance.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The line image is not the network&apos;s input (%1×%2 pixels expected).</source>
        <translation>L’image de la ligne n’est pas l’entrée du réseau (%1×%2 pixels attendus).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Computing the gradient…</source>
        <translation>Calcul du gradient…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occluding column bands…</source>
        <translation>Masquage des bandes de colonnes…</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::RnnActivationView</name>
    <message>
        <location filename="../ui/inspect/rnn_activation_view.cpp" line="+194"/>
        <source>No recognition yet</source>
        <translation>Aucune reconnaissance pour l’instant</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No LSTM states: recognize with the probe on</source>
        <translation>Pas d’états LSTM : reconnaître avec la sonde activée</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>units sorted by variance over the line</source>
        <translation>unités triées par variance sur la ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units sorted by correlation with p(%1 | frame)</source>
        <translation>unités triées par corrélation avec p(%1 | trame)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>select a character to sort by correlation</source>
        <translation>sélectionnez un caractère pour trier par corrélation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units in index order</source>
        <translation>unités dans l’ordre des indices</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LSTM hidden states h = o·tanh(c)</source>
        <translation>États cachés du LSTM h = o·tanh(c)</translation>
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
        <translation>var</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>layer %1 · backward ←</source>
        <translation>couche %1 · arrière ←</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>layer %1 · forward →</source>
        <translation>couche %1 · avant →</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 units</source>
        <translation>%1 unités</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unit</source>
        <translation>unité</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>r = %1</source>
        <translation>r = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variance %1</source>
        <translation>variance %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer %1 %2 · unit %3
h = %4 at frame %5 · %6</source>
        <translation>couche %1 %2 · unité %3
h = %4 à la trame %5 · %6</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::SaliencyView</name>
    <message>
        <location filename="../ui/inspect/saliency_view.cpp" line="+143"/>
        <source>No recognition yet</source>
        <translation>Aucune reconnaissance pour l’instant</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Gradient saliency of “%1”</source>
        <translation>Saillance par gradient de « %1 »</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>|∂ log p(%1 | frame %2) / ∂ pixel|, batch norm in inference mode; log p = %3</source>
        <translation>|∂ log p(%1 | trame %2) / ∂ pixel|, normalisation par lots en mode inférence ; log p = %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Occlusion sensitivity of “%1”</source>
        <translation>Sensibilité à l’occultation de « %1 »</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drop of log p(%1 | frame %2) when a %3-column band is blanked; log p = %4</source>
        <translation>baisse de log p(%1 | trame %2) quand une bande de %3 colonnes est effacée ; log p = %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; bands tried: columns %1–%2 (hatched: not tried)</source>
        <translation> ; bandes essayées : colonnes %1–%2 (hachuré : non essayé)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saliency</source>
        <translation>Saillance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a character to see which pixels it depends on.</source>
        <translation>Cliquez sur un caractère pour voir de quels pixels il dépend.</translation>
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
        <translation>baisse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>|grad|</source>
        <translation>|grad|</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Σ col</source>
        <translation>Σ col.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ log p</source>
        <translation>Δ log p</translation>
    </message>
</context>
</TS>
