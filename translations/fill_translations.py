#!/usr/bin/env python3
"""Fills rscir_de.ts and rscir_el.ts from the table below (run after lupdate).

    /usr/lib/qt6/bin/lupdate -no-obsolete -locations none ui -ts translations/rscir_*.ts
    python3 translations/fill_translations.py

Every source string of the application must have an entry; the script lists any that lack one.
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

L = "\u03bb"
T = {
    "%1\nWindow: %2\nItem %3": ("%1\nFenster: %2\nElement %3", "%1\nΠαράθυρο: %2\nΣτοιχείο %3"),
    "Query image": ("Anfragebild", "Εικόνα ερωτήματος"),
    "Loading...": ("Wird geladen …", "Φόρτωση…"),
    "Drop an image here,\nor drag a thumbnail,\nor use Open Image...": (
        "Bild hier ablegen,\neine Vorschau hierher ziehen\noder „Bild öffnen …“ verwenden",
        "Αφήστε εδώ μια εικόνα,\nσύρετε μια μικρογραφία\nή χρησιμοποιήστε «Άνοιγμα εικόνας…»"),
    "rscir": ("rscir", "rscir"),
    "Results": ("Ergebnisse", "Αποτελέσματα"),
    "No model": ("Kein Modell", "Κανένα μοντέλο"),
    "The query could not be encoded: %1": ("Die Anfrage konnte nicht kodiert werden: %1",
                                           "Το ερώτημα δεν μπόρεσε να κωδικοποιηθεί: %1"),
    "Model %1 loaded on %2.": ("Modell %1 auf %2 geladen.", "Το μοντέλο %1 φορτώθηκε σε %2."),
    "The model could not be loaded: %1": ("Das Modell konnte nicht geladen werden: %1",
                                          "Το μοντέλο δεν μπόρεσε να φορτωθεί: %1"),
    "Archive": ("Archiv", "Αρχείο"),
    "No index open": ("Kein Index geöffnet", "Κανένα ευρετήριο ανοιχτό"),
    "Filter by file name or folder": ("Nach Dateiname oder Ordner filtern", "Φιλτράρισμα κατά όνομα αρχείου ή φάκελο"),
    "Filter the archive": ("Archiv filtern", "Φιλτράρισμα του αρχείου"),
    "Archive items": ("Archivelemente", "Στοιχεία αρχείου"),
    "Indexing progress": ("Fortschritt der Indizierung", "Πρόοδος ευρετηρίασης"),
    "Cancel": ("Abbrechen", "Ακύρωση"),
    "Cancel indexing": ("Indizierung abbrechen", "Ακύρωση ευρετηρίασης"),
    "Query": ("Anfrage", "Ερώτημα"),
    "Log": ("Protokoll", "Καταγραφή"),
    "&File": ("&Datei", "&Αρχείο"),
    "&Open Index...": ("Index ö&ffnen …", "Ά&νοιγμα ευρετηρίου…"),
    "&Index Folder...": ("Ordner &indizieren …", "&Ευρετηρίαση φακέλου…"),
    "Ctrl+I": ("Ctrl+I", "Ctrl+I"),
    "Load Model &File...": ("Modell&datei laden …", "Φόρτωση &αρχείου μοντέλου…"),
    "Ctrl+M": ("Ctrl+M", "Ctrl+M"),
    "&Models...": ("&Modelle …", "&Μοντέλα…"),
    "&Export Results...": ("Ergebnisse &exportieren …", "Ε&ξαγωγή αποτελεσμάτων…"),
    "Ctrl+E": ("Ctrl+E", "Ctrl+E"),
    "&Quit": ("&Beenden", "Έ&ξοδος"),
    "&Search": ("&Suche", "Ανα&ζήτηση"),
    "Open Query &Image...": ("Anfrage&bild öffnen …", "Άνοιγμα &εικόνας ερωτήματος…"),
    "Ctrl+Shift+O": ("Ctrl+Shift+O", "Ctrl+Shift+O"),
    "&Use Selected as Query": ("Auswahl als Anfrage &verwenden", "&Χρήση επιλογής ως ερώτημα"),
    "Ctrl+U": ("Ctrl+U", "Ctrl+U"),
    "Edit Query &Text": ("Anfrage&text bearbeiten", "Επεξεργασία &κειμένου ερωτήματος"),
    "Ctrl+T": ("Ctrl+T", "Ctrl+T"),
    f"{L} S&weep...": (f"{L}-&Durchlauf …", f"&Σάρωση {L}…"),
    "Ctrl+L": ("Ctrl+L", "Ctrl+L"),
    "Se&ttings": ("&Einstellungen", "Ρ&υθμίσεις"),
    "&Preferences...": ("&Einstellungen …", "&Προτιμήσεις…"),
    "&Help": ("&Hilfe", "&Βοήθεια"),
    "&About rscir": ("Über &rscir", "&Σχετικά με το rscir"),
    "About rscir": ("Über rscir", "Σχετικά με το rscir"),
    "<h3>rscir %1</h3><p>Composed image retrieval for remote-sensing archives: an example image plus a text modification, ranked with WeiCom (Psomas et al., IGARSS 2024).</p>": (
        "<h3>rscir %1</h3><p>Zusammengesetzte Bildsuche in Fernerkundungsarchiven: ein Beispielbild plus eine Textänderung, gerankt mit WeiCom (Psomas et al., IGARSS 2024).</p>",
        "<h3>rscir %1</h3><p>Σύνθετη ανάκτηση εικόνων για αρχεία τηλεπισκόπησης: μια εικόνα-παράδειγμα και μια τροποποίηση σε κείμενο, με κατάταξη WeiCom (Psomas et al., IGARSS 2024).</p>"),
    "Main": ("Haupt", "Κύρια"),
    "<h2>Welcome to rscir</h2><p>Search an archive of aerial and satellite imagery with an example image and a text: <i>this pool, but oval</i>. Drag &lambda; to move between <i>like the image</i> and <i>like the text</i>.</p>": (
        "<h2>Willkommen bei rscir</h2><p>Durchsuchen Sie ein Archiv von Luft- und Satellitenbildern mit einem Beispielbild und einem Text: <i>dieses Becken, aber oval</i>. Ziehen Sie &lambda;, um zwischen <i>wie das Bild</i> und <i>wie der Text</i> zu wechseln.</p>",
        "<h2>Καλώς ήρθατε στο rscir</h2><p>Αναζητήστε σε ένα αρχείο αεροφωτογραφιών και δορυφορικών εικόνων με μια εικόνα-παράδειγμα και ένα κείμενο: <i>αυτή η πισίνα, αλλά οβάλ</i>. Σύρετε το &lambda; για να κινηθείτε μεταξύ <i>σαν την εικόνα</i> και <i>σαν το κείμενο</i>.</p>"),
    "<p><b>Loading the model %1...</b></p>": ("<p><b>Das Modell %1 wird geladen …</b></p>", "<p><b>Φόρτωση του μοντέλου %1…</b></p>"),
    '<p><b>1.</b> <a href="models">Install or import a model</a> (RemoteCLIP or OpenAI CLIP), or <a href="model">load a checkpoint file</a> with its tokenizer vocabulary beside it.</p>': (
        '<p><b>1.</b> <a href="models">Ein Modell installieren oder importieren</a> (RemoteCLIP oder OpenAI CLIP) oder <a href="model">eine Checkpoint-Datei laden</a>, neben der ihr Tokenizer-Vokabular liegt.</p>',
        '<p><b>1.</b> <a href="models">Εγκαταστήστε ή εισαγάγετε ένα μοντέλο</a> (RemoteCLIP ή OpenAI CLIP) ή <a href="model">φορτώστε ένα αρχείο σημείου ελέγχου</a> με το λεξιλόγιο του tokenizer δίπλα του.</p>'),
    "<p>Model %1 is ready.</p>": ("<p>Das Modell %1 ist bereit.</p>", "<p>Το μοντέλο %1 είναι έτοιμο.</p>"),
    '<p><b>2.</b> <a href="folder">Index a folder of imagery</a> or <a href="index">open an existing index</a>.</p>': (
        '<p><b>2.</b> <a href="folder">Einen Bildordner indizieren</a> oder <a href="index">einen vorhandenen Index öffnen</a>.</p>',
        '<p><b>2.</b> <a href="folder">Ευρετηριάστε έναν φάκελο εικόνων</a> ή <a href="index">ανοίξτε ένα υπάρχον ευρετήριο</a>.</p>'),
    "<p>Archive %1 is open.</p>": ("<p>Das Archiv %1 ist geöffnet.</p>", "<p>Το αρχείο %1 είναι ανοιχτό.</p>"),
    "Model: %1 on %2": ("Modell: %1 auf %2", "Μοντέλο: %1 σε %2"),
    "Loading model %1...": ("Modell %1 wird geladen …", "Φόρτωση μοντέλου %1…"),
    "%n item(s) in the index": (("%n Element im Index", "%n Elemente im Index"),
                                ("%n στοιχείο στο ευρετήριο", "%n στοιχεία στο ευρετήριο")),
    "Items shown: %1 of %2; searchable with this model: %3": (
        "Angezeigte Elemente: %1 von %2; mit diesem Modell durchsuchbar: %3",
        "Εμφανιζόμενα στοιχεία: %1 από %2· αναζητήσιμα με αυτό το μοντέλο: %3"),
    "Query %1 ms, re-rank %2 ms": ("Anfrage %1 ms, Neusortierung %2 ms", "Ερώτημα %1 ms, ανακατάταξη %2 ms"),
    "like <b>%1</b>": ("wie <b>%1</b>", "σαν <b>%1</b>"),
    "text <b>\u201c%1\u201d</b>": ("Text <b>„%1“</b>", "κείμενο <b>«%1»</b>"),
    "%n result(s): %1": (("%n Ergebnis: %1", "%n Ergebnisse: %1"), ("%n αποτέλεσμα: %1", "%n αποτελέσματα: %1")),
    " + ": (" + ", " + "),
    "Choose a query image (drop a file, drag a thumbnail, or Open Image) and type what should change.": (
        "Wählen Sie ein Anfragebild (Datei ablegen, Vorschau ziehen oder „Bild öffnen“) und geben Sie ein, was sich ändern soll.",
        "Επιλέξτε μια εικόνα ερωτήματος (αφήστε ένα αρχείο, σύρετε μια μικρογραφία ή «Άνοιγμα εικόνας») και πληκτρολογήστε τι πρέπει να αλλάξει."),
    "<b>%1</b><br>%2": ("<b>%1</b><br>%2", "<b>%1</b><br>%2"),
    "Opened %1.": ("%1 geöffnet.", "Άνοιξε το %1."),
    "Loading model %1 (%2)...": ("Modell %1 (%2) wird geladen …", "Φόρτωση μοντέλου %1 (%2)…"),
    "An indexing job is already running. Wait for it or cancel it first.": (
        "Es läuft bereits eine Indizierung. Warten Sie darauf oder brechen Sie sie zuerst ab.",
        "Εκτελείται ήδη μια ευρετηρίαση. Περιμένετέ την ή ακυρώστε την πρώτα."),
    "Load a model before indexing: File > Models.": (
        "Laden Sie vor dem Indizieren ein Modell: Datei > Modelle.",
        "Φορτώστε ένα μοντέλο πριν από την ευρετηρίαση: Αρχείο > Μοντέλα."),
    "Scanning %1...": ("%1 wird durchsucht …", "Σάρωση του %1…"),
    "Indexing %1 into %2.": ("%1 wird in %2 indiziert.", "Ευρετηρίαση του %1 στο %2."),
    "%1 of %2 files; %3": ("%1 von %2 Dateien; %3", "%1 από %2 αρχεία· %3"),
    "Could not read %1": ("Nicht lesbar: %1", "Δεν ήταν δυνατή η ανάγνωση: %1"),
    "Indexing cancelled; the files done so far are kept and a new run continues from there.": (
        "Indizierung abgebrochen; die bisher erledigten Dateien bleiben erhalten, ein neuer Lauf setzt dort fort.",
        "Η ευρετηρίαση ακυρώθηκε· τα αρχεία που ολοκληρώθηκαν διατηρούνται και μια νέα εκτέλεση συνεχίζει από εκεί."),
    "Indexing was cancelled. What was indexed is kept; index the folder again to continue.": (
        "Die Indizierung wurde abgebrochen. Bereits Indiziertes bleibt erhalten; indizieren Sie den Ordner erneut, um fortzufahren.",
        "Η ευρετηρίαση ακυρώθηκε. Ό,τι ευρετηριάστηκε διατηρείται· ευρετηριάστε ξανά τον φάκελο για να συνεχίσετε."),
    "Indexing stopped: %1": ("Indizierung gestoppt: %1", "Η ευρετηρίαση σταμάτησε: %1"),
    "Indexing done: %1 files, %2 added, %3 changed, %4 removed, %5 could not be read; %6 items encoded in %7 s.": (
        "Indizierung fertig: %1 Dateien, %2 hinzugefügt, %3 geändert, %4 entfernt, %5 nicht lesbar; %6 Elemente in %7 s kodiert.",
        "Η ευρετηρίαση ολοκληρώθηκε: %1 αρχεία, %2 προστέθηκαν, %3 άλλαξαν, %4 αφαιρέθηκαν, %5 δεν διαβάστηκαν· %6 στοιχεία κωδικοποιήθηκαν σε %7 s."),
    "%n file(s) could not be read; the Log lists them with the reasons.": (
        ("%n Datei konnte nicht gelesen werden; das Protokoll nennt sie mit Grund.",
         "%n Dateien konnten nicht gelesen werden; das Protokoll nennt sie mit den Gründen."),
        ("%n αρχείο δεν διαβάστηκε· η Καταγραφή το αναφέρει με την αιτία.",
         "%n αρχεία δεν διαβάστηκαν· η Καταγραφή τα αναφέρει με τις αιτίες.")),
    "Cancelling after the current batch...": ("Abbruch nach dem aktuellen Stapel …", "Ακύρωση μετά την τρέχουσα παρτίδα…"),
    "Use as Query": ("Als Anfrage verwenden", "Χρήση ως ερώτημα"),
    "Open Viewer": ("Im Betrachter öffnen", "Άνοιγμα στο πρόγραμμα προβολής"),
    "Copy Path": ("Pfad kopieren", "Αντιγραφή διαδρομής"),
    "Open an Archive Index": ("Archivindex öffnen", "Άνοιγμα ευρετηρίου αρχείου"),
    "rscir indexes (*.rscir);;All files (*)": ("rscir-Indizes (*.rscir);;Alle Dateien (*)", "Ευρετήρια rscir (*.rscir);;Όλα τα αρχεία (*)"),
    "Choose a Folder of Imagery to Index": ("Zu indizierenden Bildordner wählen", "Επιλέξτε φάκελο εικόνων για ευρετηρίαση"),
    "Index File": ("Indexdatei", "Αρχείο ευρετηρίου"),
    "rscir indexes (*.rscir)": ("rscir-Indizes (*.rscir)", "Ευρετήρια rscir (*.rscir)"),
    "Load a Model": ("Modell laden", "Φόρτωση μοντέλου"),
    "Checkpoints (*.safetensors *.pt *.bin *.pth);;All files (*)": (
        "Checkpoints (*.safetensors *.pt *.bin *.pth);;Alle Dateien (*)",
        "Σημεία ελέγχου (*.safetensors *.pt *.bin *.pth);;Όλα τα αρχεία (*)"),
    "Checkpoints (*.safetensors *.pt *.bin *.pth)": ("Checkpoints (*.safetensors *.pt *.bin *.pth)",
                                                     "Σημεία ελέγχου (*.safetensors *.pt *.bin *.pth)"),
    "GELU (open_clip; how the paper's numbers were computed)": (
        "GELU (open_clip; so wurden die Zahlen der Veröffentlichung berechnet)",
        "GELU (open_clip· έτσι υπολογίστηκαν τα αποτελέσματα της δημοσίευσης)"),
    "QuickGELU (correct for OpenAI's original weights)": (
        "QuickGELU (richtig für die Originalgewichte von OpenAI)",
        "QuickGELU (σωστό για τα αρχικά βάρη της OpenAI)"),
    "Activation": ("Aktivierung", "Ενεργοποίηση"),
    "The activation cannot be read from the weights. Which one was this model trained with?": (
        "Die Aktivierung lässt sich nicht aus den Gewichten ablesen. Mit welcher wurde dieses Modell trainiert?",
        "Η συνάρτηση ενεργοποίησης δεν διαβάζεται από τα βάρη. Με ποια εκπαιδεύτηκε αυτό το μοντέλο;"),
    "Open a Query Image": ("Anfragebild öffnen", "Άνοιγμα εικόνας ερωτήματος"),
    "Images and rasters (*.tif *.tiff *.jpg *.jpeg *.png *.jp2 *.bmp *.webp);;All files (*)": (
        "Bilder und Raster (*.tif *.tiff *.jpg *.jpeg *.png *.jp2 *.bmp *.webp);;Alle Dateien (*)",
        "Εικόνες και ράστερ (*.tif *.tiff *.jpg *.jpeg *.png *.jp2 *.bmp *.webp);;Όλα τα αρχεία (*)"),
    "The results could not be exported: %1": ("Die Ergebnisse konnten nicht exportiert werden: %1",
                                              "Τα αποτελέσματα δεν μπόρεσαν να εξαχθούν: %1"),
    "Exported %n result(s) to %1.": (("%n Ergebnis nach %1 exportiert.", "%n Ergebnisse nach %1 exportiert."),
                                     ("Εξήχθη %n αποτέλεσμα στο %1.", "Εξήχθησαν %n αποτελέσματα στο %1.")),
    "Export Results": ("Ergebnisse exportieren", "Εξαγωγή αποτελεσμάτων"),
    "GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)": ("GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)",
                                                              "GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)"),
    f"Compose a query first: the sweep shows its results for every {L}.": (
        f"Stellen Sie zuerst eine Anfrage zusammen: Der Durchlauf zeigt ihre Ergebnisse für jedes {L}.",
        f"Συνθέστε πρώτα ένα ερώτημα: η σάρωση δείχνει τα αποτελέσματά του για κάθε {L}."),
    "Stopping the indexing job...": ("Indizierung wird beendet …", "Διακοπή της ευρετηρίασης…"),
    "Message": ("Meldung", "Μήνυμα"),
    "Close": ("Schließen", "Κλείσιμο"),
    "Close the message": ("Meldung schließen", "Κλείσιμο του μηνύματος"),
    "Open Image...": ("Bild öffnen …", "Άνοιγμα εικόνας…"),
    "Clear": ("Leeren", "Εκκαθάριση"),
    "Open a query image": ("Anfragebild öffnen", "Άνοιγμα εικόνας ερωτήματος"),
    "Clear the query image": ("Anfragebild entfernen", "Εκκαθάριση της εικόνας ερωτήματος"),
    "e.g. oval, with trees, red": ("z. B. oval, mit Bäumen, rot", "π.χ. οβάλ, με δέντρα, κόκκινο"),
    "Query text": ("Anfragetext", "Κείμενο ερωτήματος"),
    "The modification: what the results should have that the image does not": (
        "Die Änderung: was die Ergebnisse haben sollen, das Bild aber nicht",
        "Η τροποποίηση: τι πρέπει να έχουν τα αποτελέσματα που δεν έχει η εικόνα"),
    "&Text:": ("&Text:", "&Κείμενο:"),
    "Image": ("Bild", "Εικόνα"),
    "Text": ("Text", "Κείμενο"),
    "Lambda: from image (0) to text (1)": ("Lambda: vom Bild (0) zum Text (1)", "Λάμδα: από την εικόνα (0) στο κείμενο (1)"),
    "Lambda value": ("Lambda-Wert", "Τιμή λάμδα"),
    f"&{L}:": (f"&{L}:", f"&{L}:"),
    "WeiCom": ("WeiCom", "WeiCom"),
    "Image only": ("Nur Bild", "Μόνο εικόνα"),
    "Text only": ("Nur Text", "Μόνο κείμενο"),
    "Average": ("Mittelwert", "Μέσος όρος"),
    "Ranking method": ("Ranking-Methode", "Μέθοδος κατάταξης"),
    "&Method:": ("&Methode:", "&Μέθοδος:"),
    "Number of results": ("Anzahl der Ergebnisse", "Πλήθος αποτελεσμάτων"),
    "&Results:": ("&Ergebnisse:", "Α&ποτελέσματα:"),
    "Encoding": ("Kodierung", "Κωδικοποίηση"),
    "<b>#%1</b> %2<br>Score: %3<br>Image similarity: %4 (normalised %5)<br>Text similarity: %6 (normalised %7)": (
        "<b>#%1</b> %2<br>Punktzahl: %3<br>Bildähnlichkeit: %4 (normiert %5)<br>Textähnlichkeit: %6 (normiert %7)",
        "<b>#%1</b> %2<br>Βαθμολογία: %3<br>Ομοιότητα εικόνας: %4 (κανονικοποιημένη %5)<br>Ομοιότητα κειμένου: %6 (κανονικοποιημένη %7)"),
    "Rank %1: %2": ("Rang %1: %2", "Θέση %1: %2"),
    "This archive has no embeddings of the model %1 yet. Index the archive with it (File > Index Folder) to search it.": (
        "Dieses Archiv hat noch keine Einbettungen des Modells %1. Indizieren Sie das Archiv damit (Datei > Ordner indizieren), um es zu durchsuchen.",
        "Αυτό το αρχείο δεν έχει ακόμη ενσωματώσεις του μοντέλου %1. Ευρετηριάστε το αρχείο με αυτό (Αρχείο > Ευρετηρίαση φακέλου) για να το αναζητήσετε."),
    "Item %1 has no embedding of the current model.": ("Element %1 hat keine Einbettung des aktuellen Modells.",
                                                       "Το στοιχείο %1 δεν έχει ενσωμάτωση του τρέχοντος μοντέλου."),
    "Item %1": ("Element %1", "Στοιχείο %1"),
    "Preferences - rscir": ("Einstellungen – rscir", "Προτιμήσεις – rscir"),
    "Automatic (CUDA when available)": ("Automatisch (CUDA, wenn verfügbar)", "Αυτόματα (CUDA όταν υπάρχει)"),
    "CPU": ("CPU", "CPU"),
    "CUDA": ("CUDA", "CUDA"),
    "&Device:": ("&Gerät:", "&Συσκευή:"),
    "All cores": ("Alle Kerne", "Όλοι οι πυρήνες"),
    "CPU &threads:": ("CPU-&Threads:", "&Νήματα CPU:"),
    "&Batch size:": ("&Stapelgröße:", "Μέγεθος &παρτίδας:"),
    " px": (" px", " px"),
    "T&humbnail size:": ("&Vorschaugröße:", "Μέγεθος &μικρογραφίας:"),
    f"Default {L} for &CLIP:": (f"Standard-{L} für &CLIP:", f"Προεπιλεγμένο {L} για &CLIP:"),
    f"Default {L} for &RemoteCLIP:": (f"Standard-{L} für &RemoteCLIP:", f"Προεπιλεγμένο {L} για &RemoteCLIP:"),
    "System language": ("Systemsprache", "Γλώσσα συστήματος"),
    "&Language:": ("&Sprache:", "&Γλώσσα:"),
    "Device, threads and language take effect when the application starts again.": (
        "Gerät, Threads und Sprache wirken sich beim nächsten Start aus.",
        "Η συσκευή, τα νήματα και η γλώσσα ισχύουν από την επόμενη εκκίνηση."),
    f"{L} Sweep - rscir": (f"{L}-Durchlauf – rscir", f"Σάρωση {L} – rscir"),
    "Item %1, score %2": ("Element %1, Punktzahl %2", "Στοιχείο %1, βαθμολογία %2"),
    "Export as &PNG...": ("Als &PNG exportieren …", "Εξαγωγή ως &PNG…"),
    f"Export the {L} Sweep": (f"{L}-Durchlauf exportieren", f"Εξαγωγή της σάρωσης {L}"),
    "PNG images (*.png)": ("PNG-Bilder (*.png)", "Εικόνες PNG (*.png)"),
    "Cannot write %1": ("%1 kann nicht geschrieben werden", "Δεν είναι δυνατή η εγγραφή του %1"),
    "&Use as Query": ("Als Anfrage &verwenden", "&Χρήση ως ερώτημα"),
    "&Copy Path": ("Pfad &kopieren", "&Αντιγραφή διαδρομής"),
    "Open Containing &Folder": ("Enthaltenden &Ordner öffnen", "Άνοιγμα &φακέλου"),
    "Item %1 is no longer in the index.": ("Element %1 ist nicht mehr im Index.", "Το στοιχείο %1 δεν υπάρχει πια στο ευρετήριο."),
    "%1 - rscir": ("%1 – rscir", "%1 – rscir"),
    "Window: x %1, y %2, %3 x %4 pixels<br>": ("Fenster: x %1, y %2, %3 × %4 Pixel<br>", "Παράθυρο: x %1, y %2, %3 × %4 εικονοστοιχεία<br>"),
    "Raster: %1 x %2, %3 band(s), %4 (%5)<br>": ("Raster: %1 × %2, %3 Kanal/Kanäle, %4 (%5)<br>", "Ράστερ: %1 × %2, %3 κανάλι(α), %4 (%5)<br>"),
    "CRS: %1<br>": ("KBS: %1<br>", "ΣΣΑ: %1<br>"),
    "Not georeferenced<br>": ("Nicht georeferenziert<br>", "Χωρίς γεωαναφορά<br>"),
    "Centre: %1\u00b0 %2, %3\u00b0 %4<br>": ("Mitte: %1° %2, %3° %4<br>", "Κέντρο: %1° %2, %3° %4<br>"),
    "N": ("N", "Β"),
    "S": ("S", "Ν"),
    "E": ("O", "Α"),
    "W": ("W", "Δ"),
    "Score": ("Punktzahl", "Βαθμολογία"),
    "Fused score: %1<br>Image similarity: %2 (normalised %3)<br>Text similarity: %4 (normalised %5)": (
        "Kombinierte Punktzahl: %1<br>Bildähnlichkeit: %2 (normiert %3)<br>Textähnlichkeit: %4 (normiert %5)",
        "Συνδυασμένη βαθμολογία: %1<br>Ομοιότητα εικόνας: %2 (κανονικοποιημένη %3)<br>Ομοιότητα κειμένου: %4 (κανονικοποιημένη %5)"),
    "The image cannot be shown: %1": ("Das Bild kann nicht angezeigt werden: %1", "Η εικόνα δεν μπορεί να εμφανιστεί: %1"),
    "Not installed": ("Nicht installiert", "Μη εγκατεστημένο"),
    "Installed": ("Installiert", "Εγκατεστημένο"),
    "Models - rscir": ("Modelle – rscir", "Μοντέλα – rscir"),
    "Models": ("Modelle", "Μοντέλα"),
    "Name": ("Name", "Όνομα"),
    "Model": ("Modell", "Μοντέλο"),
    "Size": ("Größe", "Μέγεθος"),
    "State": ("Zustand", "Κατάσταση"),
    "Folder: %1<br>SHA-256: %2": ("Ordner: %1<br>SHA-256: %2", "Φάκελος: %1<br>SHA-256: %2"),
    f"%1<br>Source: %2<br>SHA-256: %3<br>Default {L}: %4": (
        f"%1<br>Quelle: %2<br>SHA-256: %3<br>Standard-{L}: %4",
        f"%1<br>Πηγή: %2<br>SHA-256: %3<br>Προεπιλεγμένο {L}: %4"),
    "&Use This Model": ("Dieses Modell &verwenden", "&Χρήση αυτού του μοντέλου"),
    f"Default &{L}:": (f"Standard-&{L}:", f"Προεπιλεγμένο &{L}:"),
    "The download was cancelled; installing again resumes it.": (
        "Der Download wurde abgebrochen; eine erneute Installation setzt ihn fort.",
        "Η λήψη ακυρώθηκε· μια νέα εγκατάσταση τη συνεχίζει."),
    "I&mport Checkpoint...": ("Checkpoint i&mportieren …", "&Εισαγωγή σημείου ελέγχου…"),
    "next to the checkpoint": ("neben dem Checkpoint", "δίπλα στο σημείο ελέγχου"),
    "%1 is installed.": ("%1 ist installiert.", "Το %1 εγκαταστάθηκε."),
    "&Remove": ("&Entfernen", "&Αφαίρεση"),
    "Download progress": ("Download-Fortschritt", "Πρόοδος λήψης"),
    "not published; recorded at the first download": ("nicht veröffentlicht; beim ersten Download festgehalten",
                                                      "δεν έχει δημοσιευθεί· καταγράφεται στην πρώτη λήψη"),
    "&Name:": ("&Name:", "Ό&νομα:"),
    "&Vocabulary:": ("&Vokabular:", "&Λεξιλόγιο:"),
    "&Activation:": ("&Aktivierung:", "&Ενεργοποίηση:"),
    "QuickGELU (OpenAI's original weights)": ("QuickGELU (Originalgewichte von OpenAI)", "QuickGELU (αρχικά βάρη της OpenAI)"),
    "GELU (open_clip; the paper's setting)": ("GELU (open_clip; Einstellung der Veröffentlichung)", "GELU (open_clip· η ρύθμιση της δημοσίευσης)"),
    "rscir needs a CLIP-style model to embed images and texts. Install one from the list (a download), or import a checkpoint you already have. Models are kept in %1.": (
        "rscir braucht ein CLIP-artiges Modell, um Bilder und Texte einzubetten. Installieren Sie eines aus der Liste (ein Download) oder importieren Sie einen vorhandenen Checkpoint. Modelle liegen in %1.",
        "Το rscir χρειάζεται ένα μοντέλο τύπου CLIP για να ενσωματώνει εικόνες και κείμενα. Εγκαταστήστε ένα από τη λίστα (λήψη) ή εισαγάγετε ένα σημείο ελέγχου που ήδη έχετε. Τα μοντέλα φυλάσσονται στο %1."),
    "Import a Checkpoint": ("Checkpoint importieren", "Εισαγωγή σημείου ελέγχου"),
    "&Install": ("&Installieren", "&Εγκατάσταση"),
    "Loading model %1... %2%": ("Modell %1 wird geladen … %2 %", "Φόρτωση μοντέλου %1… %2%"),
    "about %1 s left": ("noch etwa %1 s", "απομένουν περίπου %1 s"),
    "%1 of %2 files; %3 %4": ("%1 von %2 Dateien; %3 %4", "%1 από %2 αρχεία· %3 %4"),
    "The model that embeds the query; the archive must be indexed with it": (
        "Das Modell, das die Anfrage einbettet; das Archiv muss damit indiziert sein",
        "Το μοντέλο που ενσωματώνει το ερώτημα· το αρχείο πρέπει να έχει ευρετηριαστεί με αυτό"),
    "M&odel:": ("M&odell:", "Μο&ντέλο:"),
    "Recent archives": ("Zuletzt verwendete Archive", "Πρόσφατα αρχεία"),
    "Indexes opened before; choose one to open it": ("Früher geöffnete Indizes; zum Öffnen einen wählen",
                                                     "Ευρετήρια που ανοίχτηκαν παλαιότερα· επιλέξτε ένα για να το ανοίξετε"),
}

def fill(path: Path, column: int) -> list:
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        entry = T.get(source)
        if entry is None:
            missing.append(source)
            continue
        value = entry[column]
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            forms = value if isinstance(value, tuple) else (value, value)
            translation.text = None
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = value
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing

def fill_english(path: Path):
    """English needs only its plural forms: "%n item(s)" becomes "%n item" / "%n items"."""
    tree = ET.parse(path)
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.find("source").text
        translation = message.find("translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ET.SubElement(translation, "numerusform").text = form
    tree.write(path, encoding="utf-8", xml_declaration=True)


root = Path(__file__).resolve().parent
fill_english(root / "rscir_en.ts")
missing = fill(root / "rscir_de.ts", 0) + fill(root / "rscir_el.ts", 1)
if missing:
    print("no translation for:", *sorted(set(missing)), sep="\n  ")
    sys.exit(1)
print("translations complete")
