<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>inklens::service</name>
    <message>
        <location filename="../core/service/model_loading.cpp" line="+30"/>
        <source>cannot load language model: %1</source>
        <translation>no se puede cargar el modelo de lenguaje: %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>cannot load model %1: %2</source>
        <translation>no se puede cargar el modelo %1: %2</translation>
    </message>
    <message>
        <location filename="../core/service/recognition_service.cpp" line="+142"/>
        <source>no model given</source>
        <translation>no se ha indicado ningún modelo</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>cannot use the word list %1: %2</source>
        <translation>no se puede usar la lista de palabras %1: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../core/service/page_session.cpp" line="+139"/>
        <source>no model loaded</source>
        <translation>no hay ningún modelo cargado</translation>
    </message>
    <message>
        <location filename="../core/service/model_locator.cpp" line="+43"/>
        <source>no model found; searched: %1; pass --model FILE</source>
        <translation>no se encontró ningún modelo; se buscó en: %1; indique --model ARCHIVO</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <location filename="../core/service/sample_store.cpp" line="+59"/>
        <source>not an SQLite database</source>
        <translation>no es una base de datos SQLite</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>written by a newer InkLens (format %1)</source>
        <translation>escrita por un InkLens más reciente (formato %1)</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Cannot change the sample: %1</source>
        <translation>No se puede cambiar la muestra: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No such sample.</source>
        <translation>No existe esa muestra.</translation>
    </message>
    <message>
        <location filename="../core/service/model_versions.cpp" line="+123"/>
        <source>cannot create the folder %1</source>
        <translation>no se puede crear la carpeta %1</translation>
    </message>
</context>
<context>
    <name>inklens::service::Documents</name>
    <message>
        <location filename="../core/service/documents.cpp" line="+48"/>
        <source>InkLens opens InkML ink and pictures (%1).</source>
        <translation>InkLens abre tinta InkML e imágenes (%1).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file does not exist.</source>
        <translation>El archivo no existe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a folder, not a file.</source>
        <translation>Es una carpeta, no un archivo.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The picture cannot be read.</source>
        <translation>No se puede leer la imagen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no ink to save.</source>
        <translation>No hay tinta que guardar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file cannot be written.</source>
        <translation>No se puede escribir el archivo.</translation>
    </message>
</context>
<context>
    <name>inklens::service::FineTuningJob</name>
    <message>
        <location filename="../core/service/fine_tuning_job.cpp" line="+60"/>
        <source>cannot make a temporary folder</source>
        <translation>no se puede crear una carpeta temporal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fine-tuning needs at least 2 usable samples (one is held out); there are %1. Correct a few more readings first.</source>
        <translation>El ajuste necesita al menos 2 muestras utilizables (una se reserva); hay %1. Corrija antes algunas lecturas más.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>fine-tuning stopped without a result</source>
        <translation>el ajuste terminó sin resultado</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageDocument</name>
    <message>
        <location filename="../core/service/page_document.cpp" line="+227"/>
        <source>Reshape Line</source>
        <translation>Remodelar la línea</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Move Line</source>
        <translation>Mover la línea</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Split Line</source>
        <translation>Dividir la línea</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Merge Lines</source>
        <translation>Unir las líneas</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete Line</source>
        <translation>Borrar la línea</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Draw Line</source>
        <translation>Dibujar una línea</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit Text</source>
        <translation>Editar el texto</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageFormats</name>
    <message>
        <location filename="../core/service/page_formats.cpp" line="+405"/>
        <source>ALTO cannot be written yet.</source>
        <translation>Todavía no se puede escribir ALTO.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: unknown page format (the name should end in .txt, .xml, .alto.xml, .hocr, .html or .json).</source>
        <translation>%1: formato de página desconocido (el nombre debe terminar en .txt, .xml, .alto.xml, .hocr, .html o .json).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 cannot be written: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>This is not PAGE XML (the root element is %1).</source>
        <translation>Esto no es PAGE XML (el elemento raíz es %1).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The PAGE XML is damaged (line %1: %2).</source>
        <translation>El PAGE XML está dañado (línea %1: %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This is not PAGE XML.</source>
        <translation>Esto no es PAGE XML.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A TextLine of the PAGE XML has no outline (Coords points).</source>
        <translation>Una TextLine del PAGE XML no tiene contorno (Coords points).</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>The hOCR is damaged or not XHTML (line %1: %2).</source>
        <translation>El hOCR está dañado o no es XHTML (línea %1: %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This is not hOCR (no ocr_page).</source>
        <translation>Esto no es hOCR (no hay ocr_page).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A line of the hOCR has no bbox.</source>
        <translation>Una línea del hOCR no tiene bbox.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cannot be read: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>not PAGE XML, ALTO or hOCR</source>
        <translation>no es PAGE XML, ALTO ni hOCR</translation>
    </message>
</context>
<context>
    <name>inklens::service::PageImage</name>
    <message>
        <location filename="../core/service/page_image.cpp" line="+157"/>
        <location line="+150"/>
        <location line="+178"/>
        <source>The file cannot be opened.</source>
        <translation>No se puede abrir el archivo.</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>Out of memory.</source>
        <translation>Memoria insuficiente.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+246"/>
        <location line="+89"/>
        <source>The picture is damaged or cut short (%1).</source>
        <translation>La imagen está dañada o cortada (%1).</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>The file is not a picture InkLens reads (PNG, JPEG, TIFF, BMP, WebP).</source>
        <translation>El archivo no es una imagen que InkLens lea (PNG, JPEG, TIFF, BMP, WebP).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file does not exist.</source>
        <translation>El archivo no existe.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This is a folder, not a file.</source>
        <translation>Es una carpeta, no un archivo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file is empty (0 bytes).</source>
        <translation>El archivo está vacío (0 bytes).</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The file has no page %1 (it has %2).</source>
        <translation>El archivo no tiene página %1 (tiene %2).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Page %1 of the file cannot be reached.</source>
        <translation>No se puede llegar a la página %1 del archivo.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The picture&apos;s size cannot be read: %1</source>
        <translation>No se puede leer el tamaño de la imagen: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The picture is too large: %1 x %2 pixels (InkLens opens up to %3 million pixels).</source>
        <translation>La imagen es demasiado grande: %1 x %2 píxeles (InkLens abre hasta %3 millones de píxeles).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The picture is damaged or cut short (the JPEG data ends early).</source>
        <translation>La imagen está dañada o cortada (los datos JPEG terminan antes de tiempo).</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Opening the picture was cancelled.</source>
        <translation>Se canceló la apertura de la imagen.</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>The picture is too large to open in this format: %1 x %2 pixels (%3). Save it as PNG or JPEG, or smaller.</source>
        <translation>La imagen es demasiado grande para abrirla en este formato: %1 x %2 píxeles (%3). Guárdela como PNG o JPEG, o más pequeña.</translation>
    </message>
</context>
<context>
    <name>inklens::service::SampleStore</name>
    <message>
        <location filename="../core/service/sample_store.cpp" line="-152"/>
        <source>Cannot create the folder %1 for the samples.</source>
        <translation>No se puede crear la carpeta %1 de las muestras.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The sample database %1 is damaged (%2) and cannot be set aside.</source>
        <translation>La base de muestras %1 está dañada (%2) y no se puede apartar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The sample database was damaged (%1); it was kept as %2 and a new one started.</source>
        <translation>La base de muestras estaba dañada (%1); se guardó como %2 y se empezó una nueva.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open the sample database %1: %2</source>
        <translation>No se puede abrir la base de muestras %1: %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+88"/>
        <source>A sample needs its ink or picture and a text.</source>
        <translation>Una muestra necesita su tinta o su imagen y un texto.</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Cannot store the sample in %1: %2</source>
        <translation>No se puede guardar la muestra en %1: %2</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Cannot create the folder %1.</source>
        <translation>No se puede crear la carpeta %1.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No folder %1.</source>
        <translation>No hay carpeta %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+39"/>
        <source>Cannot store the samples: %1</source>
        <translation>No se pueden guardar las muestras: %1</translation>
    </message>
</context>
<context>
    <name>inklens::ui::AboutDialog</name>
    <message>
        <location filename="../ui/about_dialog.cpp" line="+109"/>
        <source>About InkLens</source>
        <translation>Acerca de InkLens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Build</source>
        <translation>&amp;Compilación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Licences</source>
        <translation>&amp;Licencias</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Credits</source>
        <translation>&amp;Créditos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build type</source>
        <translation>Tipo de compilación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compiler</source>
        <translation>Compilador</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>built with %1, running on %2</source>
        <translation>compilado con %1, en ejecución con %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This copy and this computer</source>
        <translation>Esta copia y este ordenador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;tt&gt;inklens --version&lt;/tt&gt; prints the same; &lt;tt&gt;inklens bench&lt;/tt&gt; times the kernels.</source>
        <translation>&lt;tt&gt;inklens --version&lt;/tt&gt; muestra lo mismo; &lt;tt&gt;inklens bench&lt;/tt&gt; cronometra los núcleos.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>GNU Lesser General Public License version 3 (or GNU GPL version 2 or 3). InkLens links Qt dynamically: the Qt libraries can be replaced by another build of them. Help &gt; About Qt tells more.</source>
        <translation>GNU Lesser General Public License versión 3 (o GNU GPL versión 2 o 3). InkLens enlaza Qt dinámicamente: las bibliotecas de Qt pueden sustituirse por otra compilación. Ayuda &gt; Acerca de Qt dice más.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mozilla Public License 2.0. Eigen is a library of C++ templates compiled into InkLens; its source code is at %1.</source>
        <translation>Mozilla Public License 2.0. Eigen es una biblioteca de plantillas de C++ compiladas dentro de InkLens; su código fuente está en %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Apache License 2.0 (its core and image processing modules, linked dynamically).</source>
        <translation>Apache License 2.0 (sus módulos core y de procesamiento de imágenes, enlazados dinámicamente).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>BSD 3-clause licence (the matrix products, linked dynamically).</source>
        <translation>Licencia BSD de 3 cláusulas (los productos de matrices, enlazada dinámicamente).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read it at %1.</source>
        <translation>Puede leerse en %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On this computer: %1.</source>
        <translation>En este ordenador: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Libraries</source>
        <translation>Bibliotecas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>InkLens is built on these libraries, each under its own licence:</source>
        <translation>InkLens se basa en estas bibliotecas, cada una con su propia licencia:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every licence and credit of this copy: %1.</source>
        <translation>Todas las licencias y créditos de esta copia: %1.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Training data</source>
        <translation>Datos de entrenamiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundled model learned to read from these collections of handwritten lines:</source>
        <translation>El modelo incluido aprendió a leer con estas colecciones de líneas manuscritas:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Copiste d&apos;un jour&lt;/b&gt;: Bibliothèque et Archives nationales du Québec (BAnQ), CC BY 4.0.</source>
        <translation>&lt;b&gt;Copiste d&apos;un jour&lt;/b&gt;: Bibliothèque et Archives nationales du Québec (BAnQ), CC BY 4.0.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Testaments de Poilus&lt;/b&gt;: CREMMA, CC BY 4.0; documents of the Archives nationales, the Archives départementales des Yvelines and du Val-d&apos;Oise, transcribed by volunteers.</source>
        <translation>&lt;b&gt;Testaments de Poilus&lt;/b&gt;: CREMMA, CC BY 4.0; documentos de los Archives nationales y de los Archives départementales des Yvelines y du Val-d&apos;Oise, transcritos por voluntarios.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It also learned from synthetic lines, drawn in handwriting fonts under the SIL Open Font License 1.1 (%1; Homemade Apple: Apache License 2.0) and in the Hershey fonts (created by Dr. A. V. Hershey at the U.S. National Bureau of Standards; data format by James Hurt, Cognition, Inc.).</source>
        <translation>También aprendió con líneas sintéticas, trazadas en fuentes manuscritas bajo la SIL Open Font License 1.1 (%1; Homemade Apple: Apache License 2.0) y en las fuentes Hershey (creadas por el Dr. A. V. Hershey en el U.S. National Bureau of Standards; formato de datos de James Hurt, Cognition, Inc.).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CC BY 4.0: %1</source>
        <translation>CC BY 4.0: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language models</source>
        <translation>Modelos de lenguaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language models count the training transcriptions and Debian&apos;s word lists: wamerican and wbritish (SCOWL) for English, wspanish (public domain) for Spanish. German&apos;s is made from wngerman (GPL) by a build from source and is not distributed.</source>
        <translation>Los modelos de lenguaje cuentan las transcripciones de entrenamiento y las listas de palabras de Debian: wamerican y wbritish (SCOWL) para el inglés, wspanish (dominio público) para el español. El del alemán se hace a partir de wngerman (GPL) al compilar desde el código fuente y no se distribuye.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::DocumentArea</name>
    <message>
        <location filename="../ui/document_area.cpp" line="+55"/>
        <source>Page %1 cannot be opened: %2</source>
        <translation>No se puede abrir la página %1: %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The lines of the page were not found: %1</source>
        <translation>No se encontraron las líneas de la página: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No lines found on the page: draw them (R: a rectangle, P: a polygon).</source>
        <translation>No se encontraron líneas en la página: dibújelas (R: un rectángulo, P: un polígono).</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+12"/>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>The ink file is too large: %1 MB (the window opens InkML files of up to %2 MB and %3 points; `inklens recognize` reads larger ones).</source>
        <translation>El archivo de tinta es demasiado grande: %1 MB (la ventana abre archivos InkML de hasta %2 MB y %3 puntos; `inklens recognize` lee los más grandes).</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+23"/>
        <source>Opening %1 was cancelled.</source>
        <translation>Se canceló la apertura de %1.</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+27"/>
        <source>Cannot open %1: %2</source>
        <translation>No se puede abrir %1: %2</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>%1, page %2 of %3</source>
        <translation>%1, página %2 de %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (the window opens ink of up to %2 points; `inklens recognize` reads more)</source>
        <translation>%1 (la ventana abre tinta de hasta %2 puntos; `inklens recognize` lee más)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Pasted picture</source>
        <translation>Imagen pegada</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no picture or file that InkLens opens to paste.</source>
        <translation>No hay ninguna imagen ni archivo para pegar que InkLens pueda abrir.</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Keep one line of text for each line of the page to correct it.</source>
        <translation>Mantenga una línea de texto por cada línea de la página para corregirla.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit Text</source>
        <translation>Editar texto</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The undone correction&apos;s sample was not removed: %1</source>
        <translation>No se eliminó la muestra de la corrección deshecha: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Correction undone: its sample removed (%n in all).</source>
        <translation>
            <numerusform>Corrección deshecha: se eliminó su muestra (%n en total).</numerusform>
            <numerusform>Corrección deshecha: se eliminó su muestra (%n en total).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep one line of text for each line of ink to correct it.</source>
        <translation>Mantenga una línea de texto por cada línea de tinta para corregirla.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The correction was not kept: %1</source>
        <translation>La corrección no se guardó: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Correction kept as a sample for fine-tuning (%n in all).</source>
        <translation>
            <numerusform>Corrección guardada como muestra para el ajuste fino (%n en total).</numerusform>
            <numerusform>Corrección guardada como muestra para el ajuste fino (%n en total).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ink</source>
        <translation>Tinta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation>Página</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write with the mouse or a pen</source>
        <translation>Escribir con el ratón o un lápiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture of one line of handwriting</source>
        <translation>La imagen de una línea manuscrita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A page of handwriting: its lines and their text</source>
        <translation>Una página manuscrita: sus líneas y su texto</translation>
    </message>
</context>
<context>
    <name>inklens::ui::FileDialogs</name>
    <message>
        <location filename="../ui/file_dialogs.cpp" line="+41"/>
        <source>Ink and images (%1)</source>
        <translation>Tinta e imágenes (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (%1)</source>
        <translation>Imágenes (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>InkML ink (%1)</source>
        <translation>Tinta InkML (%1)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open Ink or Image</source>
        <translation>Abrir tinta o imagen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Ink As</source>
        <translation>Guardar tinta como</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Plain text (*.txt)</source>
        <translation>Texto plano (*.txt)</translation>
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
        <translation>Exportar la página</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+7"/>
        <source>Cannot Open</source>
        <translation>No se puede abrir</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+7"/>
        <source>Cannot open %1:
%2</source>
        <translation>No se puede abrir %1:
%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot Save</source>
        <translation>No se puede guardar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot save %1:
%2</source>
        <translation>No se puede guardar %1:
%2</translation>
    </message>
</context>
<context>
    <name>inklens::ui::FineTuneDialog</name>
    <message>
        <location filename="../ui/finetune_dialog.cpp" line="+129"/>
        <source>The model was not kept: %1</source>
        <translation>No se ha conservado el modelo: %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Corrected samples to learn from: %1. Fine-tuning needs at least 2: correct a few readings first (F2 or a double click on the text), or import a folder in Tools &gt; Samples.</source>
        <translation>Muestras corregidas para aprender: %1. El ajuste necesita al menos 2: corrija antes algunas lecturas (F2 o doble clic en el texto) o importe una carpeta en Herramientas &gt; Muestras.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Corrected samples to learn from: %1, of which %2 are held out to check the result.</source>
        <translation>Muestras corregidas para aprender: %1, de las que %2 se reservan para comprobar el resultado.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no model to fine-tune.</source>
        <translation>No hay ningún modelo que ajustar.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Preparing the samples and the general lines...</source>
        <translation>Preparando las muestras y las líneas generales…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling...</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Step %1, %2 s: loss %3, held-out CER %4</source>
        <translation>Paso %1, %2 s: pérdida %3, CER de las muestras reservadas %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelled at step %1; the model in use is unchanged.</source>
        <translation>Cancelado en el paso %1; el modelo en uso no ha cambiado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done: %1 steps in %2 s.</source>
        <translation>Terminado: %1 pasos en %2 s.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing was changed.</source>
        <translation>No se ha cambiado nada.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Better on your held-out samples and not worse on general lines. Keep it to use it from now on (you can roll back at any time in Tools &gt; Model Versions).</source>
        <translation>Mejor en sus muestras reservadas y no peor en líneas generales. Consérvelo para usarlo a partir de ahora (puede volver atrás en cualquier momento en Herramientas &gt; Versiones del modelo).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not offered: it does not read your held-out samples better. Try more samples, more minutes or letting more of the model adapt.</source>
        <translation>No se ofrece: no lee mejor sus muestras reservadas. Pruebe con más muestras, más minutos o dejando que se adapte más parte del modelo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not offered: it reads general lines worse than allowed (at most %1 points more). Try adapting less of the model.</source>
        <translation>No se ofrece: lee las líneas generales peor de lo permitido (como mucho %1 puntos más). Pruebe a adaptar menos parte del modelo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fine-tuning failed: %1</source>
        <translation>El ajuste ha fallado: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Your held-out samples (%1)</source>
        <translation>Sus muestras reservadas (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General lines (%1)</source>
        <translation>Líneas generales (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>General lines</source>
        <translation>Líneas generales</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>there is no better model to keep</source>
        <translation>no hay ningún modelo mejor que conservar</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kept as %1; it is the model in use now.</source>
        <translation>Conservado como %1; ahora es el modelo en uso.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuned model %1 in use.</source>
        <translation>Modelo ajustado %1 en uso.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Fine-tune</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your handwriting from the readings you corrected. It trains a copy of the model in use, mixed with general lines so that it does not forget, and checks the result on samples it did not train on. The model in use changes only if you keep the result.</source>
        <translation>Enseñe al modelo su letra a partir de las lecturas que ha corregido. Se entrena una copia del modelo en uso, mezclada con líneas generales para que no olvide, y se comprueba el resultado con muestras que no se usaron para entrenar. El modelo en uso solo cambia si conserva el resultado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;What adapts:</source>
        <translation>&amp;Qué se adapta:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The output layer (fastest, smallest change)</source>
        <translation>La capa de salida (lo más rápido, el menor cambio)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The LSTMs and the output layer</source>
        <translation>Las LSTM y la capa de salida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (recommended)</source>
        <translation>%1 (recomendado)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Minutes:</source>
        <translation>&amp;Minutos:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watch it &amp;learn (the inspection views follow the training)</source>
        <translation>Verlo a&amp;prender (las vistas de inspección siguen el entrenamiento)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>pérdida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>held-out CER</source>
        <translation>CER reservadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step</source>
        <translation>paso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Character error rate</source>
        <translation>Tasa de error de caracteres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep</source>
        <translation>C&amp;onservar</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ImageView</name>
    <message>
        <location filename="../ui/image_view.cpp" line="+39"/>
        <source>Open a picture of one line of handwriting (File &gt; Open) or drop it here.</source>
        <translation>Abra la imagen de una línea manuscrita (Archivo &gt; Abrir) o suéltela aquí.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InkCanvas</name>
    <message>
        <location filename="../ui/ink_canvas.cpp" line="+310"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Stroke</source>
        <translation>Trazo</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+3"/>
        <source>Erase</source>
        <translation>Borrar trazos</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>Write a word or a line here. Right button or the pen&apos;s eraser erases.</source>
        <translation>Escriba aquí una palabra o una línea. El botón derecho o la goma del lápiz borra.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InkToolBar</name>
    <message>
        <location filename="../ui/ink_toolbar.cpp" line="+55"/>
        <source>Ink</source>
        <translation>Tinta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pen width:</source>
        <translation>&amp;Grosor del trazo:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Width of the strokes on the screen; it does not change what the network reads</source>
        <translation>Grosor de los trazos en pantalla; no cambia lo que lee la red</translation>
    </message>
</context>
<context>
    <name>inklens::ui::InspectionDocks</name>
    <message>
        <location filename="../ui/inspection_docks.cpp" line="+74"/>
        <source>I&amp;nspector</source>
        <translation>I&amp;nspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the inspection views: how the network reads the line</source>
        <translation>Mostrar u ocultar las vistas de inspección: cómo lee la red la línea</translation>
    </message>
</context>
<context>
    <name>inklens::ui::LanguageMenu</name>
    <message>
        <location filename="../ui/language_menu.cpp" line="+65"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
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
</context>
<context>
    <name>inklens::ui::LiveRecognition</name>
    <message>
        <location filename="../ui/live_recognition.cpp" line="+40"/>
        <source>Recognition failed: %1</source>
        <translation>Falló el reconocimiento: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Recognition is off: %1
Writing, opening and saving ink still work.</source>
        <translation>El reconocimiento está desactivado: %1
Escribir, abrir y guardar tinta sigue funcionando.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="+236"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Inspection</source>
        <translation>&amp;Inspección</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recognition</source>
        <translation>&amp;Reconocimiento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Open...</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export Page...</source>
        <translation>&amp;Exportar página…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the page&apos;s lines: text, PAGE XML, ALTO or hOCR (outlines, baselines, confidences)</source>
        <translation>Guardar las líneas de la página: texto, PAGE XML, ALTO o hOCR (contornos, líneas base, confianzas)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Ink As...</source>
        <translation>&amp;Guardar tinta como…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the strokes on the canvas as InkML</source>
        <translation>Guardar los trazos del lienzo como InkML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quit InkLens</source>
        <translation>Salir de InkLens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Open ink (InkML), a picture of a line of handwriting or a page</source>
        <translation>Abrir tinta (InkML), la imagen de una línea manuscrita o una página</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Paste</source>
        <translation>&amp;Pegar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the picture or file on the clipboard</source>
        <translation>Abrir la imagen o el archivo del portapapeles</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take back the last stroke, erasure, clearing or line edit</source>
        <translation>Deshacer el último trazo, borrado, limpieza o cambio de línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Do again what was taken back</source>
        <translation>Volver a hacer lo que se deshizo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy Text</source>
        <translation>&amp;Copiar texto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the recognized text to the clipboard</source>
        <translation>Copiar el texto reconocido al portapapeles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear Ink</source>
        <translation>&amp;Borrar tinta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every stroke from the canvas (can be undone)</source>
        <translation>Quitar todos los trazos del lienzo (se puede deshacer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Guide Lines</source>
        <translation>Líneas &amp;guía</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the baseline and the height of small letters on the canvas</source>
        <translation>Mostrar la línea base y la altura de las minúsculas en el lienzo</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location filename="../ui/app_info.cpp" line="+22"/>
        <source>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;A handwriting recognizer you can see inside: a CRNN (convolutional layers, a bidirectional LSTM and CTC) on its own engine, showing its filters, feature maps and the alignment of every character to the ink.&lt;/p&gt;&lt;p&gt;The bundled model is trained on &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) and &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise and volunteers).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;InkLens %1&lt;/h3&gt;&lt;p&gt;Un reconocedor de escritura a mano por dentro: una CRNN (capas convolucionales, una LSTM bidireccional y CTC) sobre su propio motor, que muestra sus filtros, mapas de características y la alineación de cada carácter con la tinta.&lt;/p&gt;&lt;p&gt;El modelo incluido está entrenado con &lt;i&gt;Copiste d&apos;un jour&lt;/i&gt; (BAnQ, CC BY 4.0) y &lt;i&gt;Testaments de Poilus&lt;/i&gt; (CREMMA, CC BY 4.0: Archives nationales, AD Yvelines, AD Val-d&apos;Oise y voluntarios).&lt;/p&gt;&lt;p&gt;Compilado con Qt %2, ejecutándose con Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;p&gt;Engine kernels on this computer: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Núcleos de cálculo del motor en este equipo: %1.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="-40"/>
        <source>Model not loaded</source>
        <translation>Modelo no cargado</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ModelVersionsDialog</name>
    <message>
        <location filename="../ui/model_versions_dialog.cpp" line="+37"/>
        <source>the output layer</source>
        <translation>la capa de salida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the LSTMs and the output layer</source>
        <translation>las LSTM y la capa de salida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>everything</source>
        <translation>todo</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>Bundled model</source>
        <translation>Modelo incluido</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>damaged: %1</source>
        <translation>dañado: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>in use</source>
        <translation>en uso</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Fine-tuned from %1 (what adapted: %2) on %3 training and %4 held-out samples; general set: %5.</source>
        <translation>Ajustado a partir de %1 (adaptado: %2) con %3 muestras de entrenamiento y %4 reservadas; conjunto general: %5.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This file does not load (%1). It is left where it is: %2</source>
        <translation>Este archivo no se carga (%1). Se deja donde está: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model that comes with InkLens. It is never changed.</source>
        <translation>El modelo que viene con InkLens. Nunca se modifica.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Model %1 in use.</source>
        <translation>Modelo %1 en uso.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The bundled model is in use again.</source>
        <translation>El modelo incluido vuelve a estar en uso.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Model Versions</source>
        <translation>Versiones del modelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every fine-tuned model you kept, newest first. Restore one to use it, or roll back to the model that comes with InkLens.</source>
        <translation>Cada modelo ajustado que ha conservado, el más reciente primero. Restaure uno para usarlo o vuelva al modelo que viene con InkLens.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your samples&apos; CER</source>
        <translation>CER de sus muestras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General CER</source>
        <translation>CER general</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roll &amp;Back to the Bundled Model</source>
        <translation>&amp;Volver al modelo incluido</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageChooser</name>
    <message>
        <location filename="../ui/page_chooser.cpp" line="+55"/>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page of the file (Ctrl+Page Up)</source>
        <translation>Página anterior del archivo (Ctrl+Re Pág)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page of the file (Ctrl+Page Down)</source>
        <translation>Página siguiente del archivo (Ctrl+Av Pág)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageLineList</name>
    <message>
        <location filename="../ui/page_lines.cpp" line="+111"/>
        <source>edited</source>
        <translation>editada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your text. Read: %1</source>
        <translation>Su texto. Leído: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not read yet</source>
        <translation>Aún no leída</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Low confidence: check this line</source>
        <translation>Confianza baja: revise esta línea</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text of each line. Double-click a text (or start typing) to correct it.</source>
        <translation>El texto de cada línea. Haga doble clic en un texto (o empiece a escribir) para corregirlo.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageProgress</name>
    <message>
        <location filename="../ui/page_progress.cpp" line="+67"/>
        <source>Reading lines</source>
        <translation>Leyendo líneas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the ink</source>
        <translation>Abriendo la tinta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the picture</source>
        <translation>Abriendo la imagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop opening the ink</source>
        <translation>Dejar de abrir la tinta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop opening the picture</source>
        <translation>Dejar de abrir la imagen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Stop reading the page&apos;s lines (those read stay)</source>
        <translation>Dejar de leer las líneas de la página (las leídas se conservan)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::PageView</name>
    <message>
        <location filename="../ui/page_view.cpp" line="+116"/>
        <source>&amp;Split Line Here</source>
        <translation>&amp;Dividir la línea aquí</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge with Next Line</source>
        <translation>&amp;Unir con la línea siguiente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Line</source>
        <translation>&amp;Borrar la línea</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a Line as a &amp;Rectangle</source>
        <translation>Dibujar una línea como &amp;rectángulo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a Line as a &amp;Polygon</source>
        <translation>Dibujar una línea como &amp;polígono</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit Page to Window</source>
        <translation>&amp;Ajustar la página a la ventana</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a line to see how it was read; drag it to move it, drag a corner to reshape it. Right-click for more.</source>
        <translation>Haga clic en una línea para ver cómo se leyó; arrástrela para moverla, arrastre una esquina para remodelarla. Clic derecho para más.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::RecognitionOptions</name>
    <message>
        <location filename="../ui/recognition_options.cpp" line="+120"/>
        <source>Word list not used</source>
        <translation>Lista de palabras no utilizada</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>No word list for %1 is installed (Debian: %2)</source>
        <translation>No hay ninguna lista de palabras instalada para %1 (Debian: %2)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Choose a Word List</source>
        <translation>Elegir una lista de palabras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text files (*.txt)</source>
        <translation>Archivos de texto (*.txt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use the &amp;Language Model</source>
        <translation>Usar el modelo de &amp;lenguaje</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let a model of letter sequences choose between readings the network finds equally likely</source>
        <translation>Dejar que un modelo de secuencias de letras elija entre lecturas que la red considera igual de probables</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Level &amp;Skewed Lines</source>
        <translation>Enderezar las líneas &amp;inclinadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Straighten a line written uphill or downhill before reading it</source>
        <translation>Enderezar una línea escrita cuesta arriba o cuesta abajo antes de leerla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a &amp;Word List...</source>
        <translation>Usar una lista de &amp;palabras...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefer the words of a list (a text file, one or more words per line): a word outside it is still read when the ink leaves no doubt</source>
        <translation>Preferir las palabras de una lista (un archivo de texto, una o varias palabras por línea): una palabra fuera de ella se lee igualmente cuando la escritura no deja dudas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;No Word List</source>
        <translation>&amp;Ninguna lista de palabras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read any sequence of letters again</source>
        <translation>Volver a leer cualquier secuencia de letras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the Writing Language&apos;s Wo&amp;rd List</source>
        <translation>Usar la lista de palabras del i&amp;dioma de la escritura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefer the words of the writing language&apos;s list (installed in /usr/share/dict); it changes with the language</source>
        <translation>Preferir las palabras de la lista del idioma de la escritura (instalada en /usr/share/dict); cambia con el idioma</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Automatic</source>
        <translation>&amp;Automático</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read each line with every language&apos;s language model and word list, and keep the best reading</source>
        <translation>Leer cada línea con el modelo de lenguaje y la lista de palabras de cada idioma, y quedarse con la mejor lectura</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wr&amp;iting Language</source>
        <translation>Idioma de la &amp;escritura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The language of the writing: its language model and word list help the reading</source>
        <translation>El idioma de la escritura: su modelo de lenguaje y su lista de palabras ayudan a la lectura</translation>
    </message>
</context>
<context>
    <name>inklens::ui::SampleBrowser</name>
    <message>
        <location filename="../ui/sample_browser.cpp" line="+156"/>
        <source>The samples were not exported: %1</source>
        <translation>No se han exportado las muestras: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The samples were not imported: %1</source>
        <translation>No se han importado las muestras: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Files that could not be read were skipped: %1.</source>
        <translation>Archivos que no se pudieron leer y se omitieron: %1.</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>(cannot be shown)</source>
        <translation>(no se puede mostrar)</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Ink</source>
        <translation>Tinta</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Picture</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click to correct the text</source>
        <translation>Haga doble clic para corregir el texto</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>The samples cannot be opened: %1</source>
        <translation>No se pueden abrir las muestras: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A sample needs a text; delete it instead.</source>
        <translation>Una muestra necesita un texto; elimínela en su lugar.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The text was not changed: %1</source>
        <translation>No se ha cambiado el texto: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The sample was not changed: %1</source>
        <translation>No se ha cambiado la muestra: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The sample was not deleted: %1</source>
        <translation>No se ha eliminado la muestra: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Delete Samples</source>
        <translation>Eliminar muestras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected samples (%1)? This cannot be undone; excluding keeps a sample out of fine-tuning without losing it.</source>
        <translation>¿Eliminar las muestras seleccionadas (%1)? No se puede deshacer; excluir una muestra la deja fuera del ajuste sin perderla.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Import Samples from a Ground-Truth Folder</source>
        <translation>Importar muestras de una carpeta de transcripciones</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Samples as a Ground-Truth Folder</source>
        <translation>Exportar las muestras como carpeta de transcripciones</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No samples yet. Correct a reading (F2 or a double click on the text) to keep one, or import a ground-truth folder.</source>
        <translation>Aún no hay muestras. Corrija una lectura (F2 o doble clic en el texto) para conservar una, o importe una carpeta de transcripciones.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Samples: %1; used for fine-tuning: %2; excluded: %3.</source>
        <translation>Muestras: %1; usadas para el ajuste: %2; excluidas: %3.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The readings you corrected, kept to teach the model your handwriting (Tools &gt; Fine-tune). Double-click a text to correct it; exclude a sample to keep it out of fine-tuning.</source>
        <translation>Las lecturas que ha corregido, guardadas para enseñar al modelo su letra (Herramientas &gt; Ajustar). Haga doble clic en un texto para corregirlo; excluya una muestra para dejarla fuera del ajuste.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sample</source>
        <translation>Muestra</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read as</source>
        <translation>Leído como</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excluded</source>
        <translation>Excluida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xclude</source>
        <translation>E&amp;xcluir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Include</source>
        <translation>&amp;Incluir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete...</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;mport Folder...</source>
        <translation>I&amp;mportar carpeta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Folder...</source>
        <translation>Exp&amp;ortar carpeta…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the selected samples out of fine-tuning</source>
        <translation>Dejar las muestras seleccionadas fuera del ajuste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the selected samples for fine-tuning again</source>
        <translation>Volver a usar las muestras seleccionadas para el ajuste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the lines of a ground-truth folder (NAME.png or NAME.inkml with NAME.gt.txt)</source>
        <translation>Añadir las líneas de una carpeta de transcripciones (NOMBRE.png o NOMBRE.inkml con NOMBRE.gt.txt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the samples not excluded as a ground-truth folder (NAME.png or NAME.inkml with NAME.gt.txt), as inklens finetune reads it</source>
        <translation>Escribir las muestras no excluidas como carpeta de transcripciones (NOMBRE.png o NOMBRE.inkml con NOMBRE.gt.txt), tal como la lee inklens finetune</translation>
    </message>
</context>
<context>
    <name>inklens::ui::StatusBar</name>
    <message>
        <location filename="../ui/status_bar.cpp" line="+45"/>
        <source>Reading without a language model: %1</source>
        <translation>Leyendo sin modelo de lenguaje: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading without a word list</source>
        <translation>Lectura sin lista de palabras</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Reading with the word list %1 (%n words)</source>
        <translation>
            <numerusform>Lectura con la lista de palabras %1 (%n palabra)</numerusform>
            <numerusform>Lectura con la lista de palabras %1 (%n palabras)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>normalize %1 ms · network %2 ms · decode %3 ms</source>
        <translation>normalización %1 ms · red %2 ms · decodificación %3 ms</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>From the request to the text shown: %1 ms (waiting %2 ms)</source>
        <translation>De la solicitud al texto mostrado: %1 ms (espera %2 ms)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading the model...</source>
        <translation>Cargando el modelo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model: recognition is off</source>
        <translation>Sin modelo: reconocimiento desactivado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading...</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Words: %1</source>
        <translation>Palabras: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1: %n words</source>
        <translation>
            <numerusform>%1: %n palabra</numerusform>
            <numerusform>%1: %n palabras</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>inklens::ui::TextPanel</name>
    <message>
        <location filename="../ui/text_panel.cpp" line="+353"/>
        <source>&amp;Text</source>
        <translation>&amp;Texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alternatives</source>
        <translation>&amp;Alternativas</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>(nothing)</source>
        <translation>(nada)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 % of the likelihood of the listed readings</source>
        <translation>%1 % de la verosimilitud de las lecturas de la lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log-probability %1 (network)</source>
        <translation>log-probabilidad %1 (red)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ranking score %1 (network plus language model / word list)</source>
        <translation>puntuación de orden %1 (red más modelo de lenguaje / lista de palabras)</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>The right text of line %1 (Enter keeps it, Escape cancels)</source>
        <translation>El texto correcto de la línea %1 (Intro lo guarda, Escape cancela)</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>Other readings, most likely first, each with its share of their likelihood as the decoder ranks them (network, language model and word list together). Click one to use it.</source>
        <translation>Otras lecturas, la más probable primero, cada una con su parte de la verosimilitud según las ordena el decodificador (red, modelo de lenguaje y lista de palabras juntos). Haga clic en una para usarla.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wavy underline: read with a confidence below %1 %. F2 or a double click corrects the text.</source>
        <translation>Subrayado ondulado: leído con una confianza inferior al %1 %. F2 o un doble clic corrige el texto.</translation>
    </message>
    <message>
        <location line="-109"/>
        <location line="+113"/>
        <source>The right text (Enter keeps it, Escape cancels)</source>
        <translation>El texto correcto (Intro lo guarda, Escape cancela)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>(nothing recognized)</source>
        <translation>(nada reconocido)</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>confidence %1 %</source>
        <translation>confianza %1&#xa0;%</translation>
    </message>
</context>
<context>
    <name>inklens::ui::ToolsMenu</name>
    <message>
        <location filename="../ui/tools_menu.cpp" line="+118"/>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Samples...</source>
        <translation>&amp;Muestras…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review the corrected samples: relabel, exclude, delete, import and export them</source>
        <translation>Revisar las muestras corregidas: reetiquetarlas, excluirlas, eliminarlas, importarlas y exportarlas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fine-tune...</source>
        <translation>&amp;Ajustar…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model your handwriting from your corrected samples</source>
        <translation>Enseñar al modelo su letra a partir de sus muestras corregidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model &amp;Versions...</source>
        <translation>&amp;Versiones del modelo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a fine-tuned model you kept, or go back to the bundled one</source>
        <translation>Usar un modelo ajustado que ha conservado o volver al incluido</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::ColumnView</name>
    <message>
        <location filename="../ui/inspect/inspect_view.cpp" line="+178"/>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ink</source>
        <translation>tinta</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>frame</source>
        <translation>trama</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>column</source>
        <translation>columna</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::CtcView</name>
    <message>
        <location filename="../ui/inspect/ctc_view.cpp" line="+181"/>
        <source>No recognition yet</source>
        <translation>Aún no hay reconocimiento</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CTC posteriors p(class | frame)</source>
        <translation>Posteriores CTC p(clase | trama)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 of %2 classes · white line: decoded path</source>
        <translation>%1 de %2 clases · línea blanca: camino decodificado</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>p</source>
        <translation>p</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Hover a column to see its most likely classes.</source>
        <translation>Pase el puntero sobre una columna para ver sus clases más probables.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>p(%1 | frame %2) = %3</source>
        <translation>p(%1 | trama %2) = %3</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::DecoderComparison</name>
    <message>
        <location filename="../ui/inspect/decoder_comparison.cpp" line="+63"/>
        <source>Beam width:</source>
        <translation>Ancho del haz:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N-best:</source>
        <translation>N mejores:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language model</source>
        <translation>Modelo de lenguaje</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rank the beam&apos;s hypotheses with the model&apos;s character language model too</source>
        <translation>Ordenar también las hipótesis del haz con el modelo de lenguaje de caracteres del modelo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Greedy (best path)</source>
        <translation>Voraz (mejor camino)</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+131"/>
        <source>Prefix beam search</source>
        <translation>Búsqueda en haz por prefijos</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>#</source>
        <translation>n.º</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log P</source>
        <translation>log P</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>Parte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Δ score</source>
        <translation>Δ puntuación</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>log P (LM)</source>
        <translation>log P (ML)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>The line is too short to decode.</source>
        <translation>La línea es demasiado corta para decodificarla.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No recognition yet</source>
        <translation>Aún no hay reconocimiento</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decoding…</source>
        <translation>Decodificando…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>log P(best path) = %1
(the probability of this one alignment, not of the text)</source>
        <translation>log P(mejor camino) = %1
(la probabilidad de esta única alineación, no del texto)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prefix beam search + language model</source>
        <translation>Búsqueda en haz por prefijos + modelo de lenguaje</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Greedy and beam search agree.</source>
        <translation>La decodificación voraz y la búsqueda en haz coinciden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy and beam search differ (highlighted).</source>
        <translation>La decodificación voraz y la búsqueda en haz difieren (resaltado).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share: probability relative to the listed hypotheses.</source>
        <translation>Parte: probabilidad relativa a las hipótesis listadas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoded in %1 ms.</source>
        <translation>Decodificado en %1 ms.</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::FeatureMapView</name>
    <message>
        <location filename="../ui/inspect/feature_map_view.cpp" line="+233"/>
        <source>No recognition yet</source>
        <translation>Aún no hay reconocimiento</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No feature maps: recognize with the probe on</source>
        <translation>No hay mapas de características: reconozca con la sonda activada</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>conv%1 · %2 channels of %3×%4</source>
        <translation>conv%1 · %2 canales de %3×%4</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>after the activation; one map column per image column</source>
        <translation>tras la activación; una columna del mapa por columna de imagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after the activation; one map column per %1 image columns</source>
        <translation>tras la activación; una columna del mapa por cada %1 columnas de imagen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>activation ÷ channel max</source>
        <translation>activación ÷ máx. del canal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>activation</source>
        <translation>activación</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ch %1
over ink</source>
        <translation>canal %1
sobre tinta</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>conv%1 · channel %2
value %3 (channel max %4)</source>
        <translation>conv%1 · canal %2
valor %3 (máx. del canal %4)</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::FilterView</name>
    <message>
        <location filename="../ui/inspect/filter_view.cpp" line="+213"/>
        <source>No model loaded</source>
        <translation>No hay ningún modelo cargado</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>conv%1 · %2 filters of %3×%4×%4</source>
        <translation>conv%1 · %2 filtros de %3×%4×%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>weights</source>
        <translation>pesos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L2 norm over the %1 input channels</source>
        <translation>norma L2 sobre los %1 canales de entrada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mean over the %1 input channels</source>
        <translation>media sobre los %1 canales de entrada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (before batch norm)</source>
        <translation> (antes de la normalización por lotes)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖w‖</source>
        <translation>‖w‖</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>filter %1 of conv%2: its %3 input kernels (weights, ±%4)</source>
        <translation>filtro %1 de conv%2: sus %3 núcleos de entrada (pesos, ±%4)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>conv%1 · filter %2
max |w| %3 · ‖w‖ %4</source>
        <translation>conv%1 · filtro %2
máx |w| %3 · ‖w‖ %4</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::InspectView</name>
    <message>
        <location filename="../ui/inspect/inspect_util.cpp" line="+91"/>
        <source>column %1 · frame %2</source>
        <translation>columna %1 · trama %2</translation>
    </message>
    <message>
        <location filename="../ui/inspect/inspect_view.cpp" line="-194"/>
        <source>Export as PNG</source>
        <translation>Exportar como PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export as PNG…</source>
        <translation>Exportar como PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Image</source>
        <translation>Copiar imagen</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::InspectorWidget</name>
    <message>
        <location filename="../ui/inspect/inspector_widget.cpp" line="+219"/>
        <source>Occluding column bands: %1 of %2…</source>
        <translation>Ocultando bandas de columnas: %1 de %2…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saliency failed: %1</source>
        <translation>Falló la saliencia: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Alignment</source>
        <translation>Alineación</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decoders</source>
        <translation>Decodificadores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feature maps</source>
        <translation>Mapas de características</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saliency</source>
        <translation>Saliencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Columns:</source>
        <translation>&amp;Columnas:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 px per column</source>
        <translation>%1 px por columna</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Classes shown:</source>
        <translation>&amp;Clases mostradas:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Layer:</source>
        <translation>C&amp;apa:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tiles per row:</source>
        <translation>&amp;Mosaicos por fila:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale each channel to its max</source>
        <translation>Escalar cada canal a su máximo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One scale for the layer</source>
        <translation>Una escala para la capa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sort units:</source>
        <translation>&amp;Ordenar unidades:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By index</source>
        <translation>Por índice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By variance</source>
        <translation>Por varianza</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By correlation with the selected character</source>
        <translation>Por correlación con el carácter seleccionado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Row height:</source>
        <translation>&amp;Altura de fila:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Method:</source>
        <translation>&amp;Método:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gradient (backward pass)</source>
        <translation>Gradiente (pasada hacia atrás)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occlusion (%1-column bands within ±%2 columns, forward passes)</source>
        <translation>Oclusión (bandas de %1 columnas dentro de ±%2 columnas, pasadas hacia delante)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Deeper layers:</source>
        <translation>Capas &amp;profundas:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 norm over input channels</source>
        <translation>Norma L2 sobre los canales de entrada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean kernel over input channels</source>
        <translation>Núcleo medio sobre los canales de entrada</translation>
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
        <translation>Exportar PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this view as a PNG image</source>
        <translation>Guardar esta vista como imagen PNG</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>conv%1</source>
        <translation>conv%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> · %1 channels</source>
        <translation> · %1 canales</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Hover the ink to see the likely characters at a column; click a character to select it.</source>
        <translation>Pase el puntero sobre la tinta para ver los caracteres probables de una columna; haga clic en un carácter para seleccionarlo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write or open a line to inspect how the network reads it.</source>
        <translation>Escriba o abra una línea para examinar cómo la lee la red.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The model does not match this recognition.</source>
        <translation>El modelo no corresponde a este reconocimiento.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The line image is not the network&apos;s input (%1×%2 pixels expected).</source>
        <translation>La imagen de la línea no es la entrada de la red (se esperaban %1×%2 píxeles).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Computing the gradient…</source>
        <translation>Calculando el gradiente…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occluding column bands…</source>
        <translation>Ocultando bandas de columnas…</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::RnnActivationView</name>
    <message>
        <location filename="../ui/inspect/rnn_activation_view.cpp" line="+194"/>
        <source>No recognition yet</source>
        <translation>Aún no hay reconocimiento</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No LSTM states: recognize with the probe on</source>
        <translation>No hay estados LSTM: reconozca con la sonda activada</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>units sorted by variance over the line</source>
        <translation>unidades ordenadas por varianza a lo largo de la línea</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units sorted by correlation with p(%1 | frame)</source>
        <translation>unidades ordenadas por correlación con p(%1 | trama)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>select a character to sort by correlation</source>
        <translation>seleccione un carácter para ordenar por correlación</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>units in index order</source>
        <translation>unidades en orden de índice</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LSTM hidden states h = o·tanh(c)</source>
        <translation>Estados ocultos del LSTM h = o·tanh(c)</translation>
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
        <translation>capa %1 · hacia atrás ←</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>layer %1 · forward →</source>
        <translation>capa %1 · hacia delante →</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 units</source>
        <translation>%1 unidades</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unit</source>
        <translation>unidad</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>r = %1</source>
        <translation>r = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>variance %1</source>
        <translation>varianza %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer %1 %2 · unit %3
h = %4 at frame %5 · %6</source>
        <translation>capa %1 %2 · unidad %3
h = %4 en la trama %5 · %6</translation>
    </message>
</context>
<context>
    <name>inklens::ui::inspect::SaliencyView</name>
    <message>
        <location filename="../ui/inspect/saliency_view.cpp" line="+143"/>
        <source>No recognition yet</source>
        <translation>Aún no hay reconocimiento</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Gradient saliency of “%1”</source>
        <translation>Saliencia por gradiente de «%1»</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>|∂ log p(%1 | frame %2) / ∂ pixel|, batch norm in inference mode; log p = %3</source>
        <translation>|∂ log p(%1 | trama %2) / ∂ píxel|, normalización por lotes en modo de inferencia; log p = %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Occlusion sensitivity of “%1”</source>
        <translation>Sensibilidad a la oclusión de «%1»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>drop of log p(%1 | frame %2) when a %3-column band is blanked; log p = %4</source>
        <translation>caída de log p(%1 | trama %2) al borrar una banda de %3 columnas; log p = %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; bands tried: columns %1–%2 (hatched: not tried)</source>
        <translation>; bandas probadas: columnas %1–%2 (rayado: no probado)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saliency</source>
        <translation>Saliencia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a character to see which pixels it depends on.</source>
        <translation>Haga clic en un carácter para ver de qué píxeles depende.</translation>
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
        <translation>caída</translation>
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
