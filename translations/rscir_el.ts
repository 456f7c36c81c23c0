<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR">
<context>
    <name>EncoderBackend</name>
    <message numerus="yes">
        <source>CPU (%n thread(s), bf16)</source>
        <translation>
            <numerusform>CPU (%n νήμα, bf16)</numerusform>
            <numerusform>CPU (%n νήματα, bf16)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU (%n νήμα)</numerusform>
            <numerusform>CPU (%n νήματα)</numerusform>
        </translation>
    </message>
    <message>
        <source>GPU (%1)</source>
        <translation>GPU (%1)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Εντάξει</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ArchiveItemModel</name>
    <message>
        <source>%1
Window: %2
Item %3</source>
        <translation>%1
Παράθυρο: %2
Στοιχείο %3</translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Ετικέτες: %1</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ArchiveService</name>
    <message>
        <source>Item %1 has no embedding of the current model.</source>
        <translation>Το στοιχείο %1 δεν έχει ενσωμάτωση του τρέχοντος μοντέλου.</translation>
    </message>
    <message>
        <source>This index was written in an earlier format; its embeddings are read into memory. Indexing the archive again converts it to the format that opens at once.</source>
        <translation>Αυτό το ευρετήριο γράφτηκε σε παλαιότερη μορφή· οι ενσωματώσεις του διαβάζονται στη μνήμη. Η εκ νέου ευρετηρίαση του αρχείου το μετατρέπει στη μορφή που ανοίγει αμέσως.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::BasicSettingsDialog</name>
    <message>
        <source>Choose…</source>
        <translation>Επιλογή…</translation>
    </message>
    <message>
        <source>Choose: %1</source>
        <translation>Επιλογή: %1</translation>
    </message>
    <message>
        <source>BASIC Settings</source>
        <translation>Ρυθμίσεις BASIC</translation>
    </message>
    <message>
        <source>&amp;Corpora:</source>
        <translation>&amp;Σώματα κειμένων:</translation>
    </message>
    <message>
        <source>rscir&apos;s remote-sensing corpora</source>
        <translation>τα σώματα κειμένων τηλεπισκόπησης του rscir</translation>
    </message>
    <message>
        <source>Corpora folder</source>
        <translation>Φάκελος των σωμάτων κειμένων</translation>
    </message>
    <message>
        <source>A Folder with subjects.csv and styles.csv</source>
        <translation>Φάκελος με subjects.csv και styles.csv</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>Πίνακες NumPy (*.npy)</translation>
    </message>
    <message>
        <source>Image &amp;mean:</source>
        <translation>&amp;Μέση εικόνα:</translation>
    </message>
    <message>
        <source>the archive&apos;s own mean</source>
        <translation>ο μέσος όρος του ίδιου του αρχείου</translation>
    </message>
    <message>
        <source>Mean image embedding (.npy)</source>
        <translation>Μέση ενσωμάτωση εικόνας (.npy)</translation>
    </message>
    <message>
        <source>Mean Image Embedding</source>
        <translation>Μέση ενσωμάτωση εικόνας</translation>
    </message>
    <message>
        <source>The weight of the styles&apos; scatter in the contrastive PCA</source>
        <translation>Το βάρος της διασποράς των υφών στην αντιθετική PCA</translation>
    </message>
    <message>
        <source>Styles&apos; &amp;weight (aa):</source>
        <translation>&amp;Βάρος των υφών (aa):</translation>
    </message>
    <message>
        <source>At most this many eigenvectors, of positive eigenvalue</source>
        <translation>Το πολύ τόσα ιδιοδιανύσματα, θετικής ιδιοτιμής</translation>
    </message>
    <message>
        <source>Co&amp;mponents:</source>
        <translation>Συ&amp;νιστώσες:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>ανενεργό</translation>
    </message>
    <message>
        <source>Archive items nearest to the projected query image that expand it</source>
        <translation>Τα στοιχεία του αρχείου που βρίσκονται πλησιέστερα στην προβεβλημένη εικόνα ερώτησης και τη διευρύνουν</translation>
    </message>
    <message>
        <source>&amp;Expansion:</source>
        <translation>&amp;Διεύρυνση:</translation>
    </message>
    <message>
        <source>A text is embedded beside this many subjects, each way, and averaged</source>
        <translation>Ένα κείμενο ενσωματώνεται δίπλα σε τόσα θέματα, και με τις δύο σειρές, και υπολογίζεται ο μέσος όρος</translation>
    </message>
    <message>
        <source>Te&amp;xt in context of:</source>
        <translation>Κεί&amp;μενο στο πλαίσιο:</translation>
    </message>
    <message>
        <source>&amp;Normalisation:</source>
        <translation>&amp;Κανονικοποίηση:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>καμία</translation>
    </message>
    <message>
        <source>Synthetic set for the normalisation (.npy)</source>
        <translation>Συνθετικό σύνολο για την κανονικοποίηση (.npy)</translation>
    </message>
    <message>
        <source>Synthetic Set [2, n, d]</source>
        <translation>Συνθετικό σύνολο [2, n, d]</translation>
    </message>
    <message>
        <source>BASIC&apos;s space is prepared once for each model, archive and these settings; the Harris weight then moves the ranking without a pass.</source>
        <translation>Ο χώρος του BASIC προετοιμάζεται μία φορά για κάθε μοντέλο, αρχείο και αυτές τις ρυθμίσεις· έπειτα το βάρος Harris μετακινεί την κατάταξη χωρίς νέο πέρασμα.</translation>
    </message>
    <message>
        <source>%1 holds no %2.</source>
        <translation>Το %1 δεν περιέχει %2.</translation>
    </message>
    <message>
        <source>The mean image embedding %1 is not there.</source>
        <translation>Η μέση ενσωμάτωση εικόνας %1 δεν υπάρχει.</translation>
    </message>
    <message>
        <source>The synthetic set %1 is not there.</source>
        <translation>Το συνθετικό σύνολο %1 δεν υπάρχει.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::CatalogueDialog</name>
    <message>
        <source>Index a STAC Catalogue</source>
        <translation>Ευρετηρίαση καταλόγου STAC</translation>
    </message>
    <message>
        <source>A STAC catalogue, collection, item or item collection: a file, or an http(s) address (a STAC API&apos;s search too). Its items&apos; files are indexed with their dates, platforms and cloud cover.</source>
        <translation>Ένας κατάλογος STAC, μια συλλογή, ένα αντικείμενο ή μια συλλογή αντικειμένων: ένα αρχείο ή μια διεύθυνση http(s) (και η αναζήτηση ενός STAC API). Τα αρχεία των αντικειμένων του ευρετηριάζονται με τις ημερομηνίες, τις πλατφόρμες και τη νεφοκάλυψή τους.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Αναζήτηση…</translation>
    </message>
    <message>
        <source>Catalogue:</source>
        <translation>Κατάλογος:</translation>
    </message>
    <message>
        <source>the visual one, else the first GeoTIFF</source>
        <translation>το ορατό (visual), αλλιώς το πρώτο GeoTIFF</translation>
    </message>
    <message>
        <source>The name of the asset of each item to index, e.g. visual or image</source>
        <translation>Το όνομα του asset κάθε αντικειμένου που ευρετηριάζεται, π.χ. visual ή image</translation>
    </message>
    <message>
        <source>Asset:</source>
        <translation>Asset:</translation>
    </message>
    <message>
        <source>as the files hold them, e.g. red,green,blue</source>
        <translation>όπως τα περιέχουν τα αρχεία, π.χ. red,green,blue</translation>
    </message>
    <message>
        <source>Bands by name (a band&apos;s name or common name): of one asset, or one single-band asset each (as Sentinel-2 is published), read as one image. One band is read as gray.</source>
        <translation>Κανάλια κατά όνομα (το όνομα ή το κοινό όνομα ενός καναλιού): ενός asset ή ένα μονοκάναλο asset το καθένα (όπως δημοσιεύεται το Sentinel-2), διαβασμένα ως μία εικόνα. Ένα μόνο κανάλι διαβάζεται ως γκρι.</translation>
    </message>
    <message>
        <source>Bands:</source>
        <translation>Κανάλια:</translation>
    </message>
    <message>
        <source>Index…</source>
        <translation>Ευρετηρίαση…</translation>
    </message>
    <message>
        <source>STAC Catalogue</source>
        <translation>Κατάλογος STAC</translation>
    </message>
    <message>
        <source>STAC documents (*.json *.geojson);;All files (*)</source>
        <translation>Έγγραφα STAC (*.json *.geojson);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Give a catalogue&apos;s file or address.</source>
        <translation>Δώστε το αρχείο ή τη διεύθυνση ενός καταλόγου.</translation>
    </message>
    <message>
        <source>%1 is neither a file nor an http(s) address.</source>
        <translation>Το %1 δεν είναι ούτε αρχείο ούτε διεύθυνση http(s).</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>Το %1 δεν είναι αρχείο.</translation>
    </message>
    <message>
        <source>Give the bands by name, e.g. red,green,blue.</source>
        <translation>Δώστε τα κανάλια με το όνομά τους, π.χ. red,green,blue.</translation>
    </message>
    <message>
        <source>Give one band (gray) or three (red, green, blue), e.g. red,green,blue.</source>
        <translation>Δώστε ένα κανάλι (γκρι) ή τρία (κόκκινο, πράσινο, μπλε), π.χ. red,green,blue.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::DateHistogram</name>
    <message>
        <source>Acquisition dates</source>
        <translation>Ημερομηνίες λήψης</translation>
    </message>
    <message>
        <source>Items per acquisition date: drag across the bars to keep a time span, double-click to clear it</source>
        <translation>Στοιχεία ανά ημερομηνία λήψης: σύρετε πάνω από τις στήλες για να κρατήσετε ένα χρονικό διάστημα, διπλό κλικ για να το καταργήσετε</translation>
    </message>
    <message>
        <source>The archive&apos;s items carry no acquisition dates</source>
        <translation>Τα στοιχεία του αρχείου δεν φέρουν ημερομηνίες λήψης</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s)</source>
        <translation>
            <numerusform>%1: %n στοιχείο</numerusform>
            <numerusform>%1: %n στοιχεία</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rscir::ui::EncoderService</name>
    <message>
        <source>No model is loaded.</source>
        <translation>Δεν έχει φορτωθεί μοντέλο.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::EngineMessages</name>
    <message>
        <source>%1: the file disappeared (it was removed or renamed)</source>
        <translation>%1: το αρχείο εξαφανίστηκε (διαγράφηκε ή μετονομάστηκε)</translation>
    </message>
    <message>
        <source>%1: the file disappeared while it was being read</source>
        <translation>%1: το αρχείο εξαφανίστηκε ενώ διαβαζόταν</translation>
    </message>
    <message>
        <source>%1 is not a raster that GDAL can read: %2</source>
        <translation>Το %1 δεν είναι ράστερ που μπορεί να διαβάσει το GDAL: %2</translation>
    </message>
    <message>
        <source>%1 is damaged (truncated or corrupt): %2</source>
        <translation>Το %1 είναι κατεστραμμένο (περικομμένο ή αλλοιωμένο): %2</translation>
    </message>
    <message>
        <source>%1 has %2 x %3 pixels (%4 megapixels); at most %5 megapixels are read (%6 sets the limit)</source>
        <translation>Το %1 έχει %2 × %3 εικονοστοιχεία (%4 megapixel)· διαβάζονται το πολύ %5 megapixel (το %6 ορίζει το όριο)</translation>
    </message>
    <message>
        <source>No tokenizer vocabulary was found for the model %1: put bpe_simple_vocab_16e6.txt.gz next to its checkpoint, or give one in the models dialog.</source>
        <translation>Δεν βρέθηκε λεξιλόγιο tokenizer για το μοντέλο %1: βάλτε το bpe_simple_vocab_16e6.txt.gz δίπλα στο checkpoint του ή δώστε ένα στον διάλογο μοντέλων.</translation>
    </message>
    <message>
        <source>The archive folder %1 does not exist or is not a folder.</source>
        <translation>Ο φάκελος της αρχειοθήκης %1 δεν υπάρχει ή δεν είναι φάκελος.</translation>
    </message>
    <message>
        <source>%1 is not a vector file that GDAL/OGR can read; give a GeoJSON, GeoPackage or Shapefile.</source>
        <translation>Το %1 δεν είναι διανυσματικό αρχείο που μπορεί να διαβάσει το GDAL/OGR· δώστε GeoJSON, GeoPackage ή Shapefile.</translation>
    </message>
    <message>
        <source>%1 holds no polygons.</source>
        <translation>Το %1 δεν περιέχει πολύγωνα.</translation>
    </message>
    <message>
        <source>%1 is not georeferenced: the map cannot place it.</source>
        <translation>Το %1 δεν είναι γεωαναφερμένο: ο χάρτης δεν μπορεί να το τοποθετήσει.</translation>
    </message>
    <message>
        <source>%1 is a whole pickled model (the class %2), not a state dict; %3</source>
        <translation>Το %1 είναι ολόκληρο μοντέλο σε pickle (η κλάση %2), όχι state dict· %3</translation>
    </message>
    <message>
        <source>%1 holds no images or rasters that rscir reads (.tif, .jpg, .png and others); no index was made. Choose the folder that holds the imagery.</source>
        <translation>Το %1 δεν περιέχει εικόνες ή ράστερ που διαβάζει το rscir (.tif, .jpg, .png και άλλα)· δεν δημιουργήθηκε ευρετήριο. Επιλέξτε τον φάκελο με τις εικόνες.</translation>
    </message>
    <message>
        <source>The embedding of item %1 in %2 is damaged (not a finite number). Check every row and encode the damaged ones again with: rscir index --verify</source>
        <translation>Η ενσωμάτωση του στοιχείου %1 στο %2 είναι κατεστραμμένη (δεν είναι πεπερασμένος αριθμός). Ελέγξτε κάθε γραμμή και κωδικοποιήστε ξανά τις κατεστραμμένες με: rscir index --verify</translation>
    </message>
    <message>
        <source>The index %1 is damaged or truncated (%2). rscir leaves it as it is: restore it from a copy, or index the archive into a new file.</source>
        <translation>Το ευρετήριο %1 είναι κατεστραμμένο ή περικομμένο (%2). Το rscir το αφήνει όπως είναι: επαναφέρετέ το από αντίγραφο ή ευρετηριάστε την αρχειοθήκη σε νέο αρχείο.</translation>
    </message>
    <message>
        <source>No tokenizer vocabulary was found next to %1: put bpe_simple_vocab_16e6.txt.gz (or vocab.json and merges.txt) beside the checkpoint, or give one in the models dialog.</source>
        <translation>Δεν βρέθηκε λεξιλόγιο tokenizer δίπλα στο %1: τοποθετήστε το bpe_simple_vocab_16e6.txt.gz (ή τα vocab.json και merges.txt) δίπλα στο checkpoint ή δώστε ένα στο παράθυρο «Μοντέλα».</translation>
    </message>
    <message>
        <source>The embedding store %1 is a symbolic link. rscir reads and writes an index&apos;s stores only as the files it made: remove the link and index the archive again.</source>
        <translation>Η αποθήκη ενσωματώσεων %1 είναι συμβολικός σύνδεσμος. Το rscir διαβάζει και γράφει τις αποθήκες ενός ευρετηρίου μόνο ως τα αρχεία που δημιούργησε το ίδιο: αφαιρέστε τον σύνδεσμο και ευρετηριάστε ξανά το αρχείο εικόνων.</translation>
    </message>
    <message>
        <source>%1 names a source that rscir does not read: %2 (%3).</source>
        <translation>Το %1 αναφέρει μια πηγή που το rscir δεν διαβάζει: %2 (%3).</translation>
    </message>
    <message>
        <source>%1 has %2 vertices; at most %3 are used for an area. Simplify it in a GIS first.</source>
        <translation>Το %1 έχει %2 κορυφές· για μια περιοχή χρησιμοποιούνται το πολύ %3. Απλοποιήστε το πρώτα σε ένα GIS.</translation>
    </message>
    <message>
        <source>Labels cannot be stored in %1: it is on storage this account may not write. Keep them in a side file instead.</source>
        <translation>Οι ετικέτες δεν μπορούν να αποθηκευτούν στο %1: βρίσκεται σε χώρο όπου αυτός ο λογαριασμός δεν μπορεί να γράψει. Κρατήστε τις σε ένα βοηθητικό αρχείο.</translation>
    </message>
    <message>
        <source>No SentencePiece tokenizer was found for the SigLIP model %1: put its spiece.model next to its checkpoint, or give one in the models dialog.</source>
        <translation>Δεν βρέθηκε tokenizer SentencePiece για το μοντέλο SigLIP %1: βάλτε το spiece.model του δίπλα στο checkpoint του ή δώστε ένα στον διάλογο μοντέλων.</translation>
    </message>
    <message>
        <source>The model %1 needs its %2 tokenizer, and %3 is not one. Give the model&apos;s own tokenizer in the models dialog.</source>
        <translation>Το μοντέλο %1 χρειάζεται τον tokenizer %2 του, και το %3 δεν είναι τέτοιος. Δώστε τον tokenizer του μοντέλου στον διάλογο μοντέλων.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::Errors</name>
    <message>
        <source>Cancelled.</source>
        <translation>Ακυρώθηκε.</translation>
    </message>
    <message>
        <source>Not enough memory.</source>
        <translation>Δεν υπάρχει αρκετή μνήμη.</translation>
    </message>
    <message>
        <source>An unexpected failure: %1</source>
        <translation>Απρόσμενο σφάλμα: %1</translation>
    </message>
    <message>
        <source>An unexpected failure.</source>
        <translation>Απρόσμενο σφάλμα.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::FilterBar</name>
    <message>
        <source>Any Time</source>
        <translation>Οποτεδήποτε</translation>
    </message>
    <message>
        <source>Rank items of any acquisition time</source>
        <translation>Κατάταξη στοιχείων οποιασδήποτε χρονικής στιγμής λήψης</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Πλατφόρμα</translation>
    </message>
    <message>
        <source>Cloud cover at most</source>
        <translation>Νεφοκάλυψη το πολύ</translation>
    </message>
    <message>
        <source> %</source>
        <comment>a percentage&apos;s suffix</comment>
        <translation> %</translation>
    </message>
    <message>
        <source>Largest cloud cover</source>
        <translation>Μέγιστη νεφοκάλυψη</translation>
    </message>
    <message>
        <source>Same place as the query</source>
        <translation>Ίδιο μέρος με το ερώτημα</translation>
    </message>
    <message>
        <source>Acquired relative to the query</source>
        <translation>Λήψη σε σχέση με το ερώτημα</translation>
    </message>
    <message>
        <source>at any time</source>
        <translation>οποτεδήποτε</translation>
    </message>
    <message>
        <source>after the query</source>
        <translation>μετά το ερώτημα</translation>
    </message>
    <message>
        <source>before the query</source>
        <translation>πριν από το ερώτημα</translation>
    </message>
    <message>
        <source>Any platform</source>
        <translation>Οποιαδήποτε πλατφόρμα</translation>
    </message>
    <message>
        <source>Acquired %1 – %2</source>
        <translation>Λήψη %1 – %2</translation>
    </message>
    <message>
        <source>Acquired from %1</source>
        <translation>Λήψη από %1</translation>
    </message>
    <message>
        <source>Acquired until %1</source>
        <translation>Λήψη έως %1</translation>
    </message>
    <message>
        <source>Acquired at any time</source>
        <translation>Λήψη οποτεδήποτε</translation>
    </message>
    <message>
        <source>Only items whose footprint overlaps the query image&apos;s at least as much as the overlap beside: the same scene at other times</source>
        <translation>Μόνο στοιχεία των οποίων το αποτύπωμα επικαλύπτει εκείνο της εικόνας του ερωτήματος τουλάχιστον όσο η επικάλυψη δίπλα: η ίδια σκηνή σε άλλες χρονικές στιγμές</translation>
    </message>
    <message>
        <source>overlap ≥ </source>
        <comment>intersection over union of two footprints, before its value</comment>
        <translation>επικάλυψη ≥ </translation>
    </message>
    <message>
        <source>Least overlap with the query&apos;s footprint</source>
        <translation>Ελάχιστη επικάλυψη με το αποτύπωμα του ερωτήματος</translation>
    </message>
    <message>
        <source>The area both footprints cover, divided by the area either covers (intersection over union): 1 is the same footprint, 0.5 the default</source>
        <translation>Η περιοχή που καλύπτουν και τα δύο αποτυπώματα διαιρεμένη με την περιοχή που καλύπτει οποιοδήποτε από τα δύο (τομή προς ένωση): 1 είναι το ίδιο αποτύπωμα, 0,5 η προεπιλογή</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ImageWell</name>
    <message>
        <source>Query image</source>
        <translation>Εικόνα ερωτήματος</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Φόρτωση…</translation>
    </message>
    <message>
        <source>Drop an image here,
or drag a thumbnail,
or use Open Image...</source>
        <translation>Αφήστε εδώ μια εικόνα,
σύρετε μια μικρογραφία
ή χρησιμοποιήστε «Άνοιγμα εικόνας…»</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>Χωρίς προεπισκόπηση</translation>
    </message>
</context>
<context>
    <name>rscir::ui::IndexJob</name>
    <message>
        <source>Indexing %1</source>
        <translation>Ευρετηρίαση του %1</translation>
    </message>
    <message>
        <source>Fast indexing needs a model on a processor that computes bf16 natively; this run computes in fp32.</source>
        <translation>Η γρήγορη ευρετηρίαση χρειάζεται μοντέλο σε επεξεργαστή που υπολογίζει εγγενώς σε bf16· αυτή η εκτέλεση υπολογίζει σε fp32.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::IndexOptionsDialog</name>
    <message>
        <source>Indexing Options</source>
        <translation>Επιλογές ευρετηρίασης</translation>
    </message>
    <message>
        <source>Automatic (as QGIS draws it)</source>
        <translation>Αυτόματα (όπως το σχεδιάζει το QGIS)</translation>
    </message>
    <message>
        <source>Natural colour (bands 1, 2, 3)</source>
        <translation>Φυσικά χρώματα (κανάλια 1, 2, 3)</translation>
    </message>
    <message>
        <source>False colour, near infrared-red-green (bands 4, 3, 2)</source>
        <translation>Ψευδοχρώματα, εγγύς υπέρυθρο-κόκκινο-πράσινο (κανάλια 4, 3, 2)</translation>
    </message>
    <message>
        <source>Custom...</source>
        <translation>Προσαρμοσμένα…</translation>
    </message>
    <message>
        <source>Which bands the model sees as red, green and blue (or one band as gray)</source>
        <translation>Ποια κανάλια βλέπει το μοντέλο ως κόκκινο, πράσινο και μπλε (ή ένα κανάλι ως γκρι)</translation>
    </message>
    <message>
        <source>one band, or three: e.g. 5,4,3</source>
        <translation>ένα κανάλι ή τρία: π.χ. 5,4,3</translation>
    </message>
    <message>
        <source>Custom display bands</source>
        <translation>Προσαρμοσμένα κανάλια απεικόνισης</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Rasters larger than this are cut into windows of this size</source>
        <translation>Ράστερ μεγαλύτερα από αυτό κόβονται σε παράθυρα αυτού του μεγέθους</translation>
    </message>
    <message>
        <source>&amp;Bands:</source>
        <translation>&amp;Κανάλια:</translation>
    </message>
    <message>
        <source>&amp;Tile size:</source>
        <translation>&amp;Μέγεθος πλακιδίου:</translation>
    </message>
    <message>
        <source>&amp;Overlap:</source>
        <translation>Ε&amp;πικάλυψη:</translation>
    </message>
    <message>
        <source>&amp;Stretch:</source>
        <translation>Ε&amp;κτείνωση:</translation>
    </message>
    <message>
        <source>&amp;Index</source>
        <translation>&amp;Ευρετηρίαση</translation>
    </message>
    <message>
        <source>This index was made with these options; a run updates it with the same ones. Choose a new index file to index with others.</source>
        <translation>Αυτό το ευρετήριο δημιουργήθηκε με αυτές τις επιλογές· μια εκτέλεση το ενημερώνει με τις ίδιες. Επιλέξτε νέο αρχείο ευρετηρίου για άλλες επιλογές.</translation>
    </message>
    <message>
        <source>Give one band (gray) or three (red, green, blue), separated by commas.</source>
        <translation>Δώστε ένα κανάλι (γκρι) ή τρία (κόκκινο, πράσινο, μπλε), χωρισμένα με κόμματα.</translation>
    </message>
    <message>
        <source>Automatic (8-bit as it is, others 2–98 % percentiles)</source>
        <translation>Αυτόματα (8 bit ως έχουν, τα άλλα εκατοστημόρια 2–98 %)</translation>
    </message>
    <message>
        <source>Percentiles 2–98 %, always</source>
        <translation>Εκατοστημόρια 2–98 %, πάντα</translation>
    </message>
    <message>
        <source>None (clamp to 0–255)</source>
        <translation>Καμία (περιορισμός στο 0–255)</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>As each file has it</source>
        <translation>Όπως την έχει κάθε αρχείο</translation>
    </message>
    <message>
        <source>Index an archive of mixed resolutions at one: every window then covers the tile size times this many metres, whatever its file&apos;s own resolution</source>
        <translation>Ευρετηρίαση αρχείου μικτών αναλύσεων με μία μόνο: κάθε παράθυρο καλύπτει τότε το μέγεθος πλακιδίου επί τόσα μέτρα, όποια κι αν είναι η ανάλυση του αρχείου του</translation>
    </message>
    <message>
        <source>&amp;Ground resolution:</source>
        <translation>Ανάλυση &amp;εδάφους:</translation>
    </message>
</context>
<context>
    <name>rscir::ui::JobsPanel</name>
    <message>
        <source>Background jobs</source>
        <translation>Εργασίες παρασκηνίου</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Πρόοδος: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>Ακύρωση: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 από %2</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>απομένουν περίπου %1 s</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Ακύρωση…</translation>
    </message>
</context>
<context>
    <name>rscir::ui::LabelService</name>
    <message>
        <source>not %1</source>
        <comment>a negative label</comment>
        <translation>όχι %1</translation>
    </message>
    <message>
        <source>Labels cannot be stored in %1: it is on storage this account may not write. Choose a side file for them in the Labels panel.</source>
        <translation>Οι ετικέτες δεν μπορούν να αποθηκευτούν στο %1: βρίσκεται σε χώρο όπου αυτός ο λογαριασμός δεν μπορεί να γράψει. Επιλέξτε ένα βοηθητικό αρχείο γι’ αυτές στο πλαίσιο «Ετικέτες».</translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Ετικέτες: %1</translation>
    </message>
</context>
<context>
    <name>rscir::ui::LabelsPanel</name>
    <message>
        <source>Choose Side File...</source>
        <translation>Επιλογή βοηθητικού αρχείου…</translation>
    </message>
    <message>
        <source>Keep the labels of this index in a file of your own, since the index cannot be written</source>
        <translation>Κρατήστε τις ετικέτες αυτού του ευρετηρίου σε δικό σας αρχείο, αφού στο ευρετήριο δεν μπορεί να γραφτεί τίποτα</translation>
    </message>
    <message>
        <source>Label names</source>
        <translation>Ονόματα ετικετών</translation>
    </message>
    <message>
        <source>Names, separated by commas: pool, tennis court</source>
        <translation>Ονόματα, χωρισμένα με κόμματα: πισίνα, γήπεδο τένις</translation>
    </message>
    <message>
        <source>Keys 1 to 9 give the selected result these labels, in this order; Ctrl+1 to Ctrl+9 label it as not that</source>
        <translation>Τα πλήκτρα 1 έως 9 δίνουν στο επιλεγμένο αποτέλεσμα αυτές τις ετικέτες, με αυτή τη σειρά· τα Ctrl+1 έως Ctrl+9 το σημειώνουν ως «όχι αυτό»</translation>
    </message>
    <message>
        <source>Filter by label or file</source>
        <translation>Φιλτράρισμα κατά ετικέτα ή αρχείο</translation>
    </message>
    <message>
        <source>Filter the labels</source>
        <translation>Φιλτράρισμα των ετικετών</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Ετικέτα</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Θέση</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Βαθμολογία</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Δόθηκε</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Ετικέτες</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Αφαίρεση</translation>
    </message>
    <message>
        <source>Remove the selected labels (Delete)</source>
        <translation>Αφαίρεση των επιλεγμένων ετικετών (Delete)</translation>
    </message>
    <message>
        <source>Show on Map</source>
        <translation>Εμφάνιση στον χάρτη</translation>
    </message>
    <message>
        <source>Zoom the map to the selected labels, or to all of them</source>
        <translation>Εστίαση του χάρτη στις επιλεγμένες ετικέτες ή σε όλες</translation>
    </message>
    <message>
        <source>Names:</source>
        <translation>Ονόματα:</translation>
    </message>
    <message>
        <source>target</source>
        <comment>a default label name</comment>
        <translation>στόχος</translation>
    </message>
    <message>
        <source>Keep the Labels in a Side File</source>
        <translation>Φύλαξη των ετικετών σε βοηθητικό αρχείο</translation>
    </message>
    <message>
        <source>rscir labels (*.rscir-labels)</source>
        <translation>Ετικέτες rscir (*.rscir-labels)</translation>
    </message>
    <message>
        <source>Open an index to label its places.</source>
        <translation>Ανοίξτε ένα ευρετήριο για να δώσετε ετικέτες στις θέσεις του.</translation>
    </message>
    <message>
        <source>Labels are kept in the index.</source>
        <translation>Οι ετικέτες φυλάσσονται στο ευρετήριο.</translation>
    </message>
    <message>
        <source>This index is on read-only storage: labels need a side file of their own.</source>
        <translation>Αυτό το ευρετήριο βρίσκεται σε χώρο μόνο για ανάγνωση: οι ετικέτες χρειάζονται δικό τους βοηθητικό αρχείο.</translation>
    </message>
    <message>
        <source>The index is read-only; labels are kept in %1.</source>
        <translation>Το ευρετήριο είναι μόνο για ανάγνωση· οι ετικέτες φυλάσσονται στο %1.</translation>
    </message>
    <message>
        <source>not %1</source>
        <comment>a negative label</comment>
        <translation>όχι %1</translation>
    </message>
    <message>
        <source>The index no longer has this place (it was indexed anew without it)</source>
        <translation>Το ευρετήριο δεν έχει πια αυτή τη θέση (ευρετηριάστηκε ξανά χωρίς αυτήν)</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MainWindow</name>
    <message>
        <source>rscir</source>
        <translation>rscir</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Αποτελέσματα</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Κανένα μοντέλο</translation>
    </message>
    <message>
        <source>Model %1 loaded on %2.</source>
        <translation>Το μοντέλο %1 φορτώθηκε σε %2.</translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>Το μοντέλο δεν μπόρεσε να φορτωθεί: %1</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Αρχειοθήκη</translation>
    </message>
    <message>
        <source>No index open</source>
        <translation>Κανένα ευρετήριο ανοιχτό</translation>
    </message>
    <message>
        <source>Filter by file name or folder</source>
        <translation>Φιλτράρισμα κατά όνομα αρχείου ή φάκελο</translation>
    </message>
    <message>
        <source>Filter the archive</source>
        <translation>Φιλτράρισμα του αρχείου</translation>
    </message>
    <message>
        <source>Archive items</source>
        <translation>Στοιχεία αρχείου</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>Ερώτημα</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Καταγραφή</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Αρχείο</translation>
    </message>
    <message>
        <source>&amp;Open Index...</source>
        <translation>Ά&amp;νοιγμα ευρετηρίου…</translation>
    </message>
    <message>
        <source>&amp;Index Folder...</source>
        <translation>&amp;Ευρετηρίαση φακέλου…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>&amp;Export Results...</source>
        <translation>Ε&amp;ξαγωγή αποτελεσμάτων…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Έ&amp;ξοδος</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>Ανα&amp;ζήτηση</translation>
    </message>
    <message>
        <source>Open Query &amp;Image...</source>
        <translation>Άνοιγμα &amp;εικόνας ερωτήματος…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <source>&amp;Use Selected as Query</source>
        <translation>&amp;Χρήση επιλογής ως ερώτημα</translation>
    </message>
    <message>
        <source>Ctrl+U</source>
        <translation>Ctrl+U</translation>
    </message>
    <message>
        <source>Edit Query &amp;Text</source>
        <translation>Επεξεργασία &amp;κειμένου ερωτήματος</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>λ S&amp;weep...</source>
        <translation>&amp;Σάρωση λ…</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>Ρ&amp;υθμίσεις</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Προτιμήσεις…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Βοήθεια</translation>
    </message>
    <message>
        <source>&amp;About rscir</source>
        <translation>&amp;Σχετικά με το rscir</translation>
    </message>
    <message>
        <source>About rscir</source>
        <translation>Σχετικά με το rscir</translation>
    </message>
    <message>
        <source>&lt;h3&gt;rscir %1&lt;/h3&gt;&lt;p&gt;Composed image retrieval for remote-sensing archives: an example image plus a text modification, ranked with WeiCom (Psomas et al., IGARSS 2024).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;rscir %1&lt;/h3&gt;&lt;p&gt;Σύνθετη ανάκτηση εικόνων για αρχεία τηλεπισκόπησης: μια εικόνα-παράδειγμα και μια τροποποίηση σε κείμενο, με κατάταξη WeiCom (Psomas et al., IGARSS 2024).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Κύρια</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to rscir&lt;/h2&gt;&lt;p&gt;Search an archive of aerial and satellite imagery with an example image and a text: &lt;i&gt;this pool, but oval&lt;/i&gt;. Drag &amp;lambda; to move between &lt;i&gt;like the image&lt;/i&gt; and &lt;i&gt;like the text&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Καλώς ήρθατε στο rscir&lt;/h2&gt;&lt;p&gt;Αναζητήστε σε ένα αρχείο αεροφωτογραφιών και δορυφορικών εικόνων με μια εικόνα-παράδειγμα και ένα κείμενο: &lt;i&gt;αυτή η πισίνα, αλλά οβάλ&lt;/i&gt;. Σύρετε το &amp;lambda; για να κινηθείτε μεταξύ &lt;i&gt;σαν την εικόνα&lt;/i&gt; και &lt;i&gt;σαν το κείμενο&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Loading the model %1...&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Φόρτωση του μοντέλου %1…&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Model %1 is ready.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Το μοντέλο %1 είναι έτοιμο.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; &lt;a href=&quot;folder&quot;&gt;Index a folder of imagery&lt;/a&gt; or &lt;a href=&quot;index&quot;&gt;open an existing index&lt;/a&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;2.&lt;/b&gt; &lt;a href=&quot;folder&quot;&gt;Ευρετηριάστε έναν φάκελο εικόνων&lt;/a&gt; ή &lt;a href=&quot;index&quot;&gt;ανοίξτε ένα υπάρχον ευρετήριο&lt;/a&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Archive %1 is open.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Το αρχείο %1 είναι ανοιχτό.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Model: %1 on %2</source>
        <translation>Μοντέλο: %1 σε %2</translation>
    </message>
    <message>
        <source>Loading model %1...</source>
        <translation>Φόρτωση μοντέλου %1…</translation>
    </message>
    <message>
        <source>Query %1 ms, re-rank %2 ms</source>
        <translation>Ερώτημα %1 ms, ανακατάταξη %2 ms</translation>
    </message>
    <message>
        <source>Choose a query image (drop a file, drag a thumbnail, or Open Image) and type what should change.</source>
        <translation>Επιλέξτε μια εικόνα ερωτήματος (αφήστε ένα αρχείο, σύρετε μια μικρογραφία ή «Άνοιγμα εικόνας») και πληκτρολογήστε τι πρέπει να αλλάξει.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>Opened %1.</source>
        <translation>Άνοιξε το %1.</translation>
    </message>
    <message>
        <source>Loading model %1 (%2)...</source>
        <translation>Φόρτωση μοντέλου %1 (%2)…</translation>
    </message>
    <message>
        <source>An indexing job is already running. Wait for it or cancel it first.</source>
        <translation>Εκτελείται ήδη μια ευρετηρίαση. Περιμένετέ την ή ακυρώστε την πρώτα.</translation>
    </message>
    <message>
        <source>Indexing %1 into %2.</source>
        <translation>Ευρετηρίαση του %1 στο %2.</translation>
    </message>
    <message>
        <source>Indexing cancelled; the files done so far are kept and a new run continues from there.</source>
        <translation>Η ευρετηρίαση ακυρώθηκε· τα αρχεία που ολοκληρώθηκαν διατηρούνται και μια νέα εκτέλεση συνεχίζει από εκεί.</translation>
    </message>
    <message>
        <source>Indexing was cancelled. What was indexed is kept; index the folder again to continue.</source>
        <translation>Η ευρετηρίαση ακυρώθηκε. Ό,τι ευρετηριάστηκε διατηρείται· ευρετηριάστε ξανά τον φάκελο για να συνεχίσετε.</translation>
    </message>
    <message>
        <source>Indexing stopped: %1</source>
        <translation>Η ευρετηρίαση σταμάτησε: %1</translation>
    </message>
    <message>
        <source>Indexing done: %1 files, %2 added, %3 changed, %4 removed, %5 could not be read; %6 items encoded in %7 s.</source>
        <translation>Η ευρετηρίαση ολοκληρώθηκε: %1 αρχεία, %2 προστέθηκαν, %3 άλλαξαν, %4 αφαιρέθηκαν, %5 δεν διαβάστηκαν· %6 στοιχεία κωδικοποιήθηκαν σε %7 s.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the Log lists them with the reasons.</source>
        <translation>
            <numerusform>%n αρχείο δεν διαβάστηκε· η Καταγραφή το αναφέρει με την αιτία.</numerusform>
            <numerusform>%n αρχεία δεν διαβάστηκαν· η Καταγραφή τα αναφέρει με τις αιτίες.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use as Query</source>
        <translation>Χρήση ως ερώτημα</translation>
    </message>
    <message>
        <source>Open Viewer</source>
        <translation>Άνοιγμα στο πρόγραμμα προβολής</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Αντιγραφή διαδρομής</translation>
    </message>
    <message>
        <source>Open an Archive Index</source>
        <translation>Άνοιγμα ευρετηρίου αρχείου</translation>
    </message>
    <message>
        <source>rscir indexes (*.rscir);;All files (*)</source>
        <translation>Ευρετήρια rscir (*.rscir);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Choose a Folder of Imagery to Index</source>
        <translation>Επιλέξτε φάκελο εικόνων για ευρετηρίαση</translation>
    </message>
    <message>
        <source>Index File</source>
        <translation>Αρχείο ευρετηρίου</translation>
    </message>
    <message>
        <source>rscir indexes (*.rscir)</source>
        <translation>Ευρετήρια rscir (*.rscir)</translation>
    </message>
    <message>
        <source>Load a Model</source>
        <translation>Φόρτωση μοντέλου</translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pt *.bin *.pth);;All files (*)</source>
        <translation>Σημεία ελέγχου (*.safetensors *.pt *.bin *.pth);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>GELU (open_clip; how the paper&apos;s numbers were computed)</source>
        <translation>GELU (open_clip· έτσι υπολογίστηκαν τα αποτελέσματα της δημοσίευσης)</translation>
    </message>
    <message>
        <source>QuickGELU (correct for OpenAI&apos;s original weights)</source>
        <translation>QuickGELU (σωστό για τα αρχικά βάρη της OpenAI)</translation>
    </message>
    <message>
        <source>The activation cannot be read from the weights. Which one was this model trained with?</source>
        <translation>Η συνάρτηση ενεργοποίησης δεν διαβάζεται από τα βάρη. Με ποια εκπαιδεύτηκε αυτό το μοντέλο;</translation>
    </message>
    <message>
        <source>Open a Query Image</source>
        <translation>Άνοιγμα εικόνας ερωτήματος</translation>
    </message>
    <message>
        <source>The results could not be exported: %1</source>
        <translation>Τα αποτελέσματα δεν μπόρεσαν να εξαχθούν: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n result(s) to %1.</source>
        <translation>
            <numerusform>Εξήχθη %n αποτέλεσμα στο %1.</numerusform>
            <numerusform>Εξήχθησαν %n αποτελέσματα στο %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Results</source>
        <translation>Εξαγωγή αποτελεσμάτων</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</source>
        <translation>GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Compose a query first: the sweep shows its results for every λ.</source>
        <translation>Συνθέστε πρώτα ένα ερώτημα: η σάρωση δείχνει τα αποτελέσματά του για κάθε λ.</translation>
    </message>
    <message>
        <source>&amp;Models...</source>
        <translation>&amp;Μοντέλα…</translation>
    </message>
    <message>
        <source>Load Model &amp;File...</source>
        <translation>Φόρτωση &amp;αρχείου μοντέλου…</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; &lt;a href=&quot;models&quot;&gt;Install or import a model&lt;/a&gt; (RemoteCLIP or OpenAI CLIP), or &lt;a href=&quot;model&quot;&gt;load a checkpoint file&lt;/a&gt; with its tokenizer vocabulary beside it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;1.&lt;/b&gt; &lt;a href=&quot;models&quot;&gt;Εγκαταστήστε ή εισαγάγετε ένα μοντέλο&lt;/a&gt; (RemoteCLIP ή OpenAI CLIP) ή &lt;a href=&quot;model&quot;&gt;φορτώστε ένα αρχείο σημείου ελέγχου&lt;/a&gt; με το λεξιλόγιο του tokenizer δίπλα του.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Load a model before indexing: File &gt; Models.</source>
        <translation>Φορτώστε ένα μοντέλο πριν από την ευρετηρίαση: Αρχείο &gt; Μοντέλα.</translation>
    </message>
    <message>
        <source>Loading model %1... %2%</source>
        <translation>Φόρτωση μοντέλου %1… %2%</translation>
    </message>
    <message>
        <source>Recent archives</source>
        <translation>Πρόσφατα αρχεία</translation>
    </message>
    <message>
        <source>Indexes opened before; choose one to open it</source>
        <translation>Ευρετήρια που ανοίχτηκαν παλαιότερα· επιλέξτε ένα για να το ανοίξετε</translation>
    </message>
    <message>
        <source>Items shown: %1 of %2; searchable with this model: %3</source>
        <translation>Εμφανιζόμενα στοιχεία: %1 από %2· αναζητήσιμα με αυτό το μοντέλο: %3</translation>
    </message>
    <message>
        <source>counting...</source>
        <translation>καταμέτρηση…</translation>
    </message>
    <message>
        <source>Updating... %1</source>
        <translation>Ενημέρωση… %1</translation>
    </message>
    <message>
        <source>Updating...</source>
        <translation>Ενημέρωση…</translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation>Φόρτωση μοντέλου %1</translation>
    </message>
    <message>
        <source>λ is %1, the default of %2.</source>
        <translation>Το λ είναι %1, η προεπιλεγμένη τιμή του %2.</translation>
    </message>
    <message>
        <source>Images and rasters (%1);;All files (*)</source>
        <translation>Εικόνες και ράστερ (%1);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Embeddings: %1 items of %2 values (%3); %4 mapped from the store, %5 in the process&apos;s own memory.</source>
        <translation>Ενσωματώσεις: %1 στοιχεία των %2 τιμών (%3)· %4 αντιστοιχισμένα από την αποθήκη, %5 στη μνήμη της ίδιας της διεργασίας.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) in the index</source>
        <translation>
            <numerusform>%Ln στοιχείο στο ευρετήριο</numerusform>
            <numerusform>%Ln στοιχεία στο ευρετήριο</numerusform>
        </translation>
    </message>
    <message>
        <source>Add an Image to the Query</source>
        <translation>Προσθήκη εικόνας στο ερώτημα</translation>
    </message>
    <message>
        <source>Open &amp;Query...</source>
        <translation>Άνοιγμα ε&amp;ρωτήματος…</translation>
    </message>
    <message>
        <source>&amp;Save Query...</source>
        <translation>Απο&amp;θήκευση ερωτήματος…</translation>
    </message>
    <message>
        <source>Recent Q&amp;ueries</source>
        <translation>Πρόσφατα ερωτή&amp;ματα</translation>
    </message>
    <message>
        <source>&amp;More Like This</source>
        <translation>Π&amp;ερισσότερα σαν αυτό</translation>
    </message>
    <message>
        <source>Add the selected result to the query as a wanted example (+)</source>
        <translation>Προσθήκη του επιλεγμένου αποτελέσματος στο ερώτημα ως επιθυμητό παράδειγμα (+)</translation>
    </message>
    <message>
        <source>&amp;Less Like This</source>
        <translation>Λι&amp;γότερα σαν αυτό</translation>
    </message>
    <message>
        <source>Add the selected result to the query as something to avoid (−)</source>
        <translation>Προσθήκη του επιλεγμένου αποτελέσματος στο ερώτημα ως κάτι προς αποφυγή (−)</translation>
    </message>
    <message>
        <source>&amp;Undo Query Change</source>
        <translation>&amp;Αναίρεση αλλαγής ερωτήματος</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>«%1»</translation>
    </message>
    <message>
        <source>like %1</source>
        <translation>σαν %1</translation>
    </message>
    <message>
        <source> and </source>
        <translation> και </translation>
    </message>
    <message>
        <source>, not like %1 (ν %2)</source>
        <translation>, όχι σαν %1 (ν %2)</translation>
    </message>
    <message>
        <source> or </source>
        <translation> ή </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) %1</source>
        <translation>
            <numerusform>%n αποτέλεσμα %1</numerusform>
            <numerusform>%n αποτελέσματα %1</numerusform>
        </translation>
    </message>
    <message>
        <source>More Like This</source>
        <translation>Περισσότερα σαν αυτό</translation>
    </message>
    <message>
        <source>Less Like This</source>
        <translation>Λιγότερα σαν αυτό</translation>
    </message>
    <message>
        <source>Select a result first, then mark it as more or less like what you want.</source>
        <translation>Επιλέξτε πρώτα ένα αποτέλεσμα και έπειτα σημειώστε το ως περισσότερο ή λιγότερο σαν αυτό που θέλετε.</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>Στοιχείο %1</translation>
    </message>
    <message>
        <source>The query could not be saved: %1</source>
        <translation>Το ερώτημα δεν αποθηκεύτηκε: %1</translation>
    </message>
    <message>
        <source>Saved the query to %1.</source>
        <translation>Το ερώτημα αποθηκεύτηκε στο %1.</translation>
    </message>
    <message>
        <source>The query could not be opened: %1</source>
        <translation>Το ερώτημα δεν άνοιξε: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) of the saved query are not in this index and were left out: %1</source>
        <translation>
            <numerusform>%n παράδειγμα του αποθηκευμένου ερωτήματος δεν υπάρχει σε αυτό το ευρετήριο και παραλείφθηκε: %1</numerusform>
            <numerusform>%n παραδείγματα του αποθηκευμένου ερωτήματος δεν υπάρχουν σε αυτό το ευρετήριο και παραλείφθηκαν: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The query was saved with the model %1; it is ranked with %2.</source>
        <translation>Το ερώτημα αποθηκεύτηκε με το μοντέλο %1· κατατάσσεται με το %2.</translation>
    </message>
    <message>
        <source>Opened the query %1.</source>
        <translation>Άνοιξε το ερώτημα %1.</translation>
    </message>
    <message>
        <source>Save the Query</source>
        <translation>Αποθήκευση ερωτήματος</translation>
    </message>
    <message>
        <source>rscir queries (*.json)</source>
        <translation>Ερωτήματα rscir (*.json)</translation>
    </message>
    <message>
        <source>Open a Saved Query</source>
        <translation>Άνοιγμα αποθηκευμένου ερωτήματος</translation>
    </message>
    <message>
        <source>rscir queries (*.json);;All files (*)</source>
        <translation>Ερωτήματα rscir (*.json);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Χάρτης</translation>
    </message>
    <message>
        <source>, in %1</source>
        <translation>, στην περιοχή %1</translation>
    </message>
    <message>
        <source>Area %1: %2 of %3 items are ranked.</source>
        <translation>Περιοχή %1: κατατάσσονται %2 από %3 στοιχεία.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) without a footprint are left out.</source>
        <translation>
            <numerusform>%n στοιχείο χωρίς αποτύπωμα παραλείπεται.</numerusform>
            <numerusform>%n στοιχεία χωρίς αποτύπωμα παραλείπονται.</numerusform>
        </translation>
    </message>
    <message>
        <source>Area %1: finding its items...</source>
        <translation>Περιοχή %1: αναζήτηση των στοιχείων της…</translation>
    </message>
    <message>
        <source>The query&apos;s area could not be used: %1</source>
        <translation>Η περιοχή του ερωτήματος δεν μπορεί να χρησιμοποιηθεί: %1</translation>
    </message>
    <message>
        <source>S&amp;how the Query Itself</source>
        <translation>Εμ&amp;φάνιση του ίδιου του ερωτήματος</translation>
    </message>
    <message>
        <source>Keep the query&apos;s own archive items in the results (they count in the normalisation either way)</source>
        <translation>Διατήρηση των ίδιων των στοιχείων του ερωτήματος στα αποτελέσματα (μετρούν στην κανονικοποίηση σε κάθε περίπτωση)</translation>
    </message>
    <message>
        <source>Move the slider to choose your own; it then stays.</source>
        <translation>Μετακινήστε τον ολισθητή για να επιλέξετε το δικό σας· τότε παραμένει.</translation>
    </message>
    <message numerus="yes">
        <source>%n of the exported results have no footprint (their images are not georeferenced): their geometry in %1 is empty.</source>
        <translation>
            <numerusform>%n από τα εξαγόμενα αποτελέσματα δεν έχει αποτύπωμα (η εικόνα του δεν είναι γεωαναφερμένη): η γεωμετρία του στο %1 είναι κενή.</numerusform>
            <numerusform>%n από τα εξαγόμενα αποτελέσματα δεν έχουν αποτύπωμα (οι εικόνες τους δεν είναι γεωαναφερμένες): η γεωμετρία τους στο %1 είναι κενή.</numerusform>
        </translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation>Συνάρτηση ενεργοποίησης</translation>
    </message>
    <message>
        <source>This index is incomplete: %1 of the %2 files found were indexed when its last run stopped. File ▸ Resume Indexing goes on where it stopped.</source>
        <translation>Αυτό το ευρετήριο είναι ημιτελές: είχαν ευρετηριαστεί %1 από τα %2 αρχεία που βρέθηκαν όταν σταμάτησε η τελευταία εκτέλεση. Αρχείο ▸ Συνέχιση ευρετηρίασης συνεχίζει από εκεί.</translation>
    </message>
    <message>
        <source>&amp;Resume Indexing</source>
        <translation>Συ&amp;νέχιση ευρετηρίασης</translation>
    </message>
    <message>
        <source>Index the open index&apos;s folder again: an interrupted run goes on where it stopped</source>
        <translation>Νέα ευρετηρίαση του φακέλου του ανοιχτού ευρετηρίου: μια διακοπείσα εκτέλεση συνεχίζει από εκεί που σταμάτησε</translation>
    </message>
    <message>
        <source>E&amp;valuate</source>
        <translation>Α&amp;ξιολόγηση</translation>
    </message>
    <message>
        <source>&amp;PatternCom...</source>
        <translation>&amp;PatternCom…</translation>
    </message>
    <message>
        <source>mAP per attribute and λ on PatternCom, with the queries that fail and succeed</source>
        <translation>mAP ανά χαρακτηριστικό και λ στο PatternCom, με τα ερωτήματα που αποτυγχάνουν και πετυχαίνουν</translation>
    </message>
    <message>
        <source>&amp;Composed Benchmark...</source>
        <translation>Σύν&amp;θετο σημείο αναφοράς…</translation>
    </message>
    <message>
        <source>Recall and mAP of a CSV of query images, texts and target images (e.g. xView2-CIR)</source>
        <translation>Ανάκληση και mAP ενός CSV με εικόνες ερωτήματος, κείμενα και εικόνες-στόχους (π.χ. xView2-CIR)</translation>
    </message>
    <message>
        <source>Benchmark query %1: positives found: %2 of %3</source>
        <translation>Ερώτημα αξιολόγησης %1: θετικά που βρέθηκαν: %2 από %3</translation>
    </message>
    <message>
        <source>The open index changed since the benchmark ran; run it again to choose its queries.</source>
        <translation>Το ανοιχτό ευρετήριο άλλαξε από την εκτέλεση της αξιολόγησης· εκτελέστε την ξανά για να επιλέξετε τα ερωτήματά της.</translation>
    </message>
    <message>
        <source>The benchmark&apos;s query image is not in the open index.</source>
        <translation>Η εικόνα ερωτήματος της αξιολόγησης δεν βρίσκεται στο ανοιχτό ευρετήριο.</translation>
    </message>
    <message>
        <source>Benchmark query %1: its positives are marked ✓, the other results ✗.</source>
        <translation>Ερώτημα αξιολόγησης %1: τα θετικά του σημειώνονται με ✓, τα υπόλοιπα αποτελέσματα με ✗.</translation>
    </message>
    <message>
        <source>Ctrl+Alt+O</source>
        <translation>Ctrl+Alt+O</translation>
    </message>
    <message>
        <source>The model last used, %1, is missing (%2 was removed or moved). Choose a model in the Models dialog.</source>
        <translation>Το μοντέλο που χρησιμοποιήθηκε τελευταίο, %1, λείπει (το %2 αφαιρέθηκε ή μετακινήθηκε). Επιλέξτε μοντέλο στο παράθυρο «Μοντέλα».</translation>
    </message>
    <message>
        <source>Open Index</source>
        <comment>toolbar</comment>
        <translation>Ευρετήριο</translation>
    </message>
    <message>
        <source>Index Folder</source>
        <comment>toolbar</comment>
        <translation>Ευρετηρίαση</translation>
    </message>
    <message>
        <source>Models</source>
        <comment>toolbar</comment>
        <translation>Μοντέλα</translation>
    </message>
    <message>
        <source>Query Image</source>
        <comment>toolbar</comment>
        <translation>Εικόνα</translation>
    </message>
    <message>
        <source>More Like</source>
        <comment>toolbar</comment>
        <translation>Περισσότερα</translation>
    </message>
    <message>
        <source>Less Like</source>
        <comment>toolbar</comment>
        <translation>Λιγότερα</translation>
    </message>
    <message>
        <source>λ Sweep</source>
        <comment>toolbar</comment>
        <translation>Σάρωση λ</translation>
    </message>
    <message>
        <source>Export</source>
        <comment>toolbar</comment>
        <translation>Εξαγωγή</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were skipped: they lack a band that the chosen bands name (a 3-band file has no band 4). The Log lists them; index them with the automatic bands into another index.</source>
        <translation>
            <numerusform>Παραλείφθηκε %n αρχείο: του λείπει ένα κανάλι που ορίζουν τα επιλεγμένα κανάλια (ένα αρχείο 3 καναλιών δεν έχει κανάλι 4). Η Καταγραφή το αναφέρει· ευρετηριάστε το με τα αυτόματα κανάλια σε άλλο ευρετήριο.</numerusform>
            <numerusform>Παραλείφθηκαν %n αρχεία: τους λείπει ένα κανάλι που ορίζουν τα επιλεγμένα κανάλια (ένα αρχείο 3 καναλιών δεν έχει κανάλι 4). Η Καταγραφή τα αναφέρει· ευρετηριάστε τα με τα αυτόματα κανάλια σε άλλο ευρετήριο.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read; the Log lists them with the reasons (%1 of them lack a band that the chosen bands name).</source>
        <translation>
            <numerusform>%n αρχείο δεν ήταν δυνατό να διαβαστεί· η Καταγραφή το αναφέρει με τους λόγους (σε %1 από αυτά λείπει ένα κανάλι που ορίζουν τα επιλεγμένα κανάλια).</numerusform>
            <numerusform>%n αρχεία δεν ήταν δυνατό να διαβαστούν· η Καταγραφή τα αναφέρει με τους λόγους (σε %1 από αυτά λείπει ένα κανάλι που ορίζουν τα επιλεγμένα κανάλια).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>an index file and its folder</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, results %2</source>
        <comment>a lambda sweep&apos;s title: the method, the query in words</comment>
        <translation>%1, αποτελέσματα %2</translation>
    </message>
    <message>
        <source>Preparing the query&apos;s area…</source>
        <translation>Προετοιμάζεται η περιοχή του ερωτήματος…</translation>
    </message>
    <message>
        <source>Read-only: searched as it is</source>
        <translation>Μόνο για ανάγνωση: αναζητείται όπως είναι</translation>
    </message>
    <message numerus="yes">
        <source>one per place; %n more at their places folded under them</source>
        <translation>
            <numerusform>ένα αποτέλεσμα ανά τόπο· %n ακόμη στον τόπο του συμπτύχθηκε κάτω από αυτό</numerusform>
            <numerusform>ένα αποτέλεσμα ανά τόπο· %n ακόμη στους τόπους τους συμπτύχθηκαν κάτω από αυτά</numerusform>
        </translation>
    </message>
    <message>
        <source>One Result per &amp;Place</source>
        <translation>Ένα αποτέλεσμα ανά &amp;τόπο</translation>
    </message>
    <message>
        <source>List one result per place: a result that overlaps a better one is folded under it (the scores do not change). On by default for archives indexed with overlapping windows.</source>
        <translation>Εμφάνιση ενός αποτελέσματος ανά τόπο: ένα αποτέλεσμα που επικαλύπτει ένα καλύτερο συμπτύσσεται κάτω από αυτό (οι βαθμολογίες δεν αλλάζουν). Ενεργό εξ ορισμού για αρχεία που ευρετηριάστηκαν με επικαλυπτόμενα παράθυρα.</translation>
    </message>
    <message>
        <source>one per place</source>
        <translation>ένα αποτέλεσμα ανά τόπο</translation>
    </message>
    <message>
        <source>The chips could not be exported: %1</source>
        <translation>Δεν ήταν δυνατή η εξαγωγή των αποκομμάτων: %1</translation>
    </message>
    <message>
        <source>Replace Chips?</source>
        <translation>Αντικατάσταση αποκομμάτων;</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) of these chips are in %1 already. Replace them?</source>
        <translation>
            <numerusform>%n αρχείο αυτών των αποκομμάτων υπάρχει ήδη στο %1. Να αντικατασταθεί;</numerusform>
            <numerusform>%n αρχεία αυτών των αποκομμάτων υπάρχουν ήδη στο %1. Να αντικατασταθούν;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n chip(s)</source>
        <translation>
            <numerusform>Εξαγωγή %n αποκόμματος</numerusform>
            <numerusform>Εξαγωγή %n αποκομμάτων</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n chip(s) and their footprints (chips.gpkg) to %1.</source>
        <translation>
            <numerusform>Εξήχθη %n απόκομμα και το περίγραμμά του (chips.gpkg) στο %1.</numerusform>
            <numerusform>Εξήχθησαν %n αποκόμματα και τα περιγράμματά τους (chips.gpkg) στο %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Chips into a Folder</source>
        <translation>Εξαγωγή αποκομμάτων σε φάκελο</translation>
    </message>
    <message>
        <source>Export Chips</source>
        <translation>Εξαγωγή αποκομμάτων</translation>
    </message>
    <message>
        <source>Write each result&apos;s window as the source keeps it (GeoTIFF: its bands, bit depth and georeferencing), or as the model saw it (PNG with a world file)?</source>
        <translation>Να γραφτεί το παράθυρο κάθε αποτελέσματος όπως το κρατά η πηγή (GeoTIFF: κανάλια, βάθος bit και γεωαναφορά) ή όπως το είδε το μοντέλο (PNG με αρχείο world);</translation>
    </message>
    <message>
        <source>As &amp;Stored</source>
        <translation>Όπως &amp;αποθηκεύτηκε</translation>
    </message>
    <message>
        <source>Export C&amp;hips...</source>
        <translation>Εξαγωγή απο&amp;κομμάτων...</translation>
    </message>
    <message>
        <source>Write each result&apos;s window into a folder, as its source keeps it or as the model saw it, with their footprints</source>
        <translation>Εγγραφή του παραθύρου κάθε αποτελέσματος σε φάκελο, όπως το κρατά η πηγή ή όπως το είδε το μοντέλο, με τα περιγράμματά τους</translation>
    </message>
    <message>
        <source>As the &amp;Model Saw It</source>
        <translation>Όπως το είδε το &amp;μοντέλο</translation>
    </message>
    <message>
        <source>%1 is not georeferenced: its score cannot be mapped.</source>
        <translation>Το %1 δεν έχει γεωαναφορά: η βαθμολογία του δεν μπορεί να εμφανιστεί στον χάρτη.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Ετικέτες</translation>
    </message>
    <message>
        <source>None of these labels has a place on the map.</source>
        <translation>Καμία από αυτές τις ετικέτες δεν έχει θέση στον χάρτη.</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;Ετικέτες</translation>
    </message>
    <message>
        <source>Label as %1</source>
        <translation>Ετικέτα: %1</translation>
    </message>
    <message>
        <source>Label as Not %1</source>
        <translation>Ετικέτα: όχι %1</translation>
    </message>
    <message>
        <source>Remove Labels of Selected</source>
        <translation>Αφαίρεση ετικετών του επιλεγμένου</translation>
    </message>
    <message>
        <source>Show Labels Panel</source>
        <translation>Εμφάνιση πλαισίου ετικετών</translation>
    </message>
    <message>
        <source>Select a result first, then label it.</source>
        <translation>Επιλέξτε πρώτα ένα αποτέλεσμα και μετά δώστε του ετικέτα.</translation>
    </message>
    <message>
        <source>Labelled %1 as %2.</source>
        <translation>Το %1 πήρε την ετικέτα %2.</translation>
    </message>
    <message>
        <source>Labelled %1 as not %2.</source>
        <translation>Το %1 πήρε την ετικέτα «όχι %2».</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Ετικέτα</translation>
    </message>
    <message>
        <source>As %1</source>
        <translation>Ως %1</translation>
    </message>
    <message>
        <source>As Not %1</source>
        <translation>Ως «όχι %1»</translation>
    </message>
    <message>
        <source>Remove Its Labels</source>
        <translation>Αφαίρεση των ετικετών του</translation>
    </message>
    <message>
        <source>&amp;Export Labels...</source>
        <translation>&amp;Εξαγωγή ετικετών…</translation>
    </message>
    <message>
        <source>Write the labels as a GeoPackage and, if you like, a folder per label of chips for training</source>
        <translation>Εγγραφή των ετικετών ως GeoPackage και, αν θέλετε, ενός φακέλου ανά ετικέτα με αποσπάσματα για εκπαίδευση</translation>
    </message>
    <message>
        <source>There are no labels to export: label results first (keys 1 to 9).</source>
        <translation>Δεν υπάρχουν ετικέτες για εξαγωγή: δώστε πρώτα ετικέτες σε αποτελέσματα (πλήκτρα 1 έως 9).</translation>
    </message>
    <message>
        <source>Export Labels</source>
        <translation>Εξαγωγή ετικετών</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Also write each label&apos;s window as a GeoTIFF chip, in a folder per label with a manifest, as classifier and detector trainers read them?</source>
        <translation>Να γραφτεί και το παράθυρο κάθε ετικέτας ως απόσπασμα GeoTIFF, σε έναν φάκελο ανά ετικέτα με κατάλογο, όπως τα διαβάζουν τα προγράμματα εκπαίδευσης ταξινομητών και ανιχνευτών;</translation>
    </message>
    <message>
        <source>Write the Chips into a Folder</source>
        <translation>Εγγραφή των αποσπασμάτων σε φάκελο</translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n label(s)</source>
        <translation>
            <numerusform>Εξαγωγή %n ετικέτας</numerusform>
            <numerusform>Εξαγωγή %n ετικετών</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n label(s) to %1.</source>
        <translation>
            <numerusform>Εξήχθη %n ετικέτα στο %1.</numerusform>
            <numerusform>Εξήχθησαν %n ετικέτες στο %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Chips in %1; %n could not be cut (see manifest.csv).</source>
        <translation>
            <numerusform>Αποσπάσματα στο %1· %n δεν μπόρεσε να κοπεί (δείτε το manifest.csv).</numerusform>
            <numerusform>Αποσπάσματα στο %1· %n δεν μπόρεσαν να κοπούν (δείτε το manifest.csv).</numerusform>
        </translation>
    </message>
    <message>
        <source>The labels could not be exported: %1</source>
        <translation>Οι ετικέτες δεν μπόρεσαν να εξαχθούν: %1</translation>
    </message>
    <message>
        <source>Read-only, searched as it is: its file system is mounted read-only</source>
        <translation>Μόνο για ανάγνωση, αναζητείται όπως είναι: το σύστημα αρχείων του είναι προσαρτημένο μόνο για ανάγνωση</translation>
    </message>
    <message>
        <source>Read-only, searched as it is: this account may not write the index</source>
        <translation>Μόνο για ανάγνωση, αναζητείται όπως είναι: αυτός ο λογαριασμός δεν μπορεί να γράψει στο ευρετήριο</translation>
    </message>
    <message>
        <source>Read-only, searched as it is: this account may not write its folder</source>
        <translation>Μόνο για ανάγνωση, αναζητείται όπως είναι: αυτός ο λογαριασμός δεν μπορεί να γράψει στον φάκελό του</translation>
    </message>
    <message>
        <source>Only the items the filter keeps are shown.</source>
        <translation>Εμφανίζονται μόνο τα στοιχεία που κρατά το φίλτρο.</translation>
    </message>
    <message>
        <source>Finding the items the filter keeps...</source>
        <translation>Εύρεση των στοιχείων που κρατά το φίλτρο...</translation>
    </message>
    <message>
        <source>%1 of %2 items are ranked.</source>
        <translation>Κατατάσσονται %1 από %2 στοιχεία.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) that do not say what the filter asks are left out.</source>
        <translation>
            <numerusform>%n στοιχείο που δεν δηλώνει ό,τι ζητά το φίλτρο παραλείπεται.</numerusform>
            <numerusform>%n στοιχεία που δεν δηλώνουν ό,τι ζητά το φίλτρο παραλείπονται.</numerusform>
        </translation>
    </message>
    <message>
        <source>Same Place as the &amp;Query</source>
        <translation>Ίδιο μέρος με το &amp;ερώτημα</translation>
    </message>
    <message>
        <source>Index STAC &amp;Catalogue...</source>
        <translation>Ευρετηρίαση &amp;καταλόγου STAC...</translation>
    </message>
    <message>
        <source>Rank only the items whose footprint overlaps the query image&apos;s at least as much as the filter bar&apos;s overlap (half by default): the same scene at other times (change queries)</source>
        <translation>Κατάταξη μόνο των στοιχείων των οποίων το αποτύπωμα επικαλύπτει εκείνο της εικόνας του ερωτήματος τουλάχιστον όσο η επικάλυψη της γραμμής φίλτρων (κατά το ήμισυ από προεπιλογή): η ίδια σκηνή σε άλλες χρονικές στιγμές (ερωτήματα αλλαγής)</translation>
    </message>
    <message>
        <source>As the checkpoint says (SigLIP models; GELU for CLIP)</source>
        <translation>Όπως ορίζει το checkpoint (μοντέλα SigLIP· GELU για CLIP)</translation>
    </message>
    <message>
        <source>BASIC (Harris λ)</source>
        <translation>BASIC (λ του Harris)</translation>
    </message>
    <message numerus="yes">
        <source>%n of them score above 0</source>
        <translation>
            <numerusform>%n από αυτά με βαθμό πάνω από 0</numerusform>
            <numerusform>%n από αυτά με βαθμό πάνω από 0</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC has no ranking of this query: the message above says why. Change its settings, or choose another method.</source>
        <translation>Το BASIC δεν έχει κατάταξη για αυτή την ερώτηση: το μήνυμα επάνω λέει γιατί. Αλλάξτε τις ρυθμίσεις του ή επιλέξτε άλλη μέθοδο.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MapDock</name>
    <message>
        <source>Archive</source>
        <translation>Αρχειοθήκη</translation>
    </message>
    <message>
        <source>Zoom to the whole archive</source>
        <translation>Εστίαση σε όλο το αρχείο εικόνων</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Αποτελέσματα</translation>
    </message>
    <message>
        <source>Zoom to the results</source>
        <translation>Εστίαση στα αποτελέσματα</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Ορθογώνιο</translation>
    </message>
    <message>
        <source>Draw a rectangle: only items whose footprint meets it are ranked</source>
        <translation>Σχεδίαση ορθογωνίου: κατατάσσονται μόνο τα στοιχεία των οποίων το αποτύπωμα το τέμνει</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>Πολύγωνο</translation>
    </message>
    <message>
        <source>Draw a polygon: click its corners, double-click the last (Esc cancels)</source>
        <translation>Σχεδίαση πολυγώνου: κλικ στις κορυφές, διπλό κλικ στην τελευταία (Esc για ακύρωση)</translation>
    </message>
    <message>
        <source>Area...</source>
        <translation>Περιοχή…</translation>
    </message>
    <message>
        <source>Load the area from a GeoJSON, GeoPackage or Shapefile (any CRS)</source>
        <translation>Φόρτωση της περιοχής από GeoJSON, GeoPackage ή Shapefile (οποιοδήποτε ΣΣΑ)</translation>
    </message>
    <message>
        <source>Clear Area</source>
        <translation>Κατάργηση περιοχής</translation>
    </message>
    <message>
        <source>Rank the whole archive again</source>
        <translation>Κατάταξη ξανά όλου του αρχείου εικόνων</translation>
    </message>
    <message>
        <source>Layer...</source>
        <translation>Επίπεδο…</translation>
    </message>
    <message>
        <source>Add a GIS file to the map: a vector file&apos;s outlines (a county boundary, roads) or a georeferenced raster (an orthophoto)</source>
        <translation>Προσθήκη αρχείου GIS στον χάρτη: τα περιγράμματα διανυσματικού αρχείου (όριο νομού, δρόμοι) ή γεωαναφερμένο ράστερ (ορθοφωτογραφία)</translation>
    </message>
    <message>
        <source>Map background</source>
        <translation>Υπόβαθρο χάρτη</translation>
    </message>
    <message>
        <source>No background</source>
        <translation>Χωρίς υπόβαθρο</translation>
    </message>
    <message>
        <source>Archive mosaic</source>
        <translation>Μωσαϊκό του αρχείου εικόνων</translation>
    </message>
    <message>
        <source>OpenStreetMap</source>
        <translation>OpenStreetMap</translation>
    </message>
    <message>
        <source>Add a tile service...</source>
        <translation>Προσθήκη υπηρεσίας πλακιδίων…</translation>
    </message>
    <message>
        <source>Load an Area</source>
        <translation>Φόρτωση περιοχής</translation>
    </message>
    <message>
        <source>Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb);;All files (*)</source>
        <translation>Διανυσματικά αρχεία (*.geojson *.json *.gpkg *.shp *.kml *.fgb);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Add a Layer</source>
        <translation>Προσθήκη επιπέδου</translation>
    </message>
    <message>
        <source>GIS files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.tif *.tiff *.vrt *.jp2 *.img);;All files (*)</source>
        <translation>Αρχεία GIS (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.tif *.tiff *.vrt *.jp2 *.img);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Map tiles could not be loaded (%1); the map goes on without them.</source>
        <translation>Τα πλακίδια του χάρτη δεν φορτώθηκαν (%1)· ο χάρτης συνεχίζει χωρίς αυτά.</translation>
    </message>
    <message>
        <source>Add a Tile Service</source>
        <translation>Προσθήκη υπηρεσίας πλακιδίων</translation>
    </message>
    <message>
        <source>The URL of its tiles, with {z}, {x} and {y} (XYZ, Web Mercator); respect the service&apos;s usage policy:</source>
        <translation>Η διεύθυνση URL των πλακιδίων της, με {z}, {x} και {y} (XYZ, Web Mercator)· τηρήστε την πολιτική χρήσης της υπηρεσίας:</translation>
    </message>
    <message>
        <source>A tile URL needs {z}, {x} and {y}.</source>
        <translation>Μια διεύθυνση πλακιδίων χρειάζεται {z}, {x} και {y}.</translation>
    </message>
    <message>
        <source>No area: the whole archive is ranked.</source>
        <translation>Χωρίς περιοχή: κατατάσσεται όλο το αρχείο εικόνων.</translation>
    </message>
    <message>
        <source>The layer could not be read: %1</source>
        <translation>Το επίπεδο δεν διαβάστηκε: %1</translation>
    </message>
    <message>
        <source>The area could not be read: %1</source>
        <translation>Η περιοχή δεν διαβάστηκε: %1</translation>
    </message>
    <message>
        <source>No Layers</source>
        <translation>Χωρίς επίπεδα</translation>
    </message>
    <message>
        <source>Take the added GIS files off the map</source>
        <translation>Αφαίρεση των αρχείων GIS που προστέθηκαν από τον χάρτη</translation>
    </message>
    <message>
        <source>%1° %2, %3° %4</source>
        <translation>%1° %2, %3° %4</translation>
    </message>
    <message>
        <source>N</source>
        <translation>Β</translation>
    </message>
    <message>
        <source>S</source>
        <translation>Ν</translation>
    </message>
    <message>
        <source>E</source>
        <translation>Α</translation>
    </message>
    <message>
        <source>W</source>
        <translation>Δ</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Βαθμολογία</translation>
    </message>
    <message>
        <source>Colour the selected result&apos;s scene by the query&apos;s score: every window of it, as rscir scoremap writes it</source>
        <translation>Χρωματισμός της σκηνής του επιλεγμένου αποτελέσματος με τη βαθμολογία του ερωτήματος: κάθε παράθυρό της, όπως το γράφει το rscir scoremap</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MapView</name>
    <message>
        <source>Map of the archive and the results</source>
        <translation>Χάρτης του αρχείου εικόνων και των αποτελεσμάτων</translation>
    </message>
    <message>
        <source>None of the results has a footprint.</source>
        <translation>Κανένα αποτέλεσμα δεν έχει αποτύπωμα.</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 χλμ.</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 μ.</translation>
    </message>
    <message>
        <source>No item of this archive has a footprint: its images are not georeferenced.</source>
        <translation>Κανένα στοιχείο αυτού του αρχείου εικόνων δεν έχει αποτύπωμα: οι εικόνες του δεν είναι γεωαναφερμένες.</translation>
    </message>
    <message>
        <source>Open an index to see its footprints.</source>
        <translation>Ανοίξτε ένα ευρετήριο για να δείτε τα αποτυπώματά του.</translation>
    </message>
    <message>
        <source>© OpenStreetMap contributors</source>
        <translation>© Συντελεστές του OpenStreetMap</translation>
    </message>
    <message>
        <source>A polygon needs three points or more: click them, double-click the last.</source>
        <translation>Ένα πολύγωνο χρειάζεται τρία σημεία ή περισσότερα: κάντε κλικ σε αυτά, διπλό κλικ στο τελευταίο.</translation>
    </message>
    <message>
        <source>drawn polygon</source>
        <translation>σχεδιασμένο πολύγωνο</translation>
    </message>
</context>
<context>
    <name>rscir::ui::MessageBar</name>
    <message>
        <source>Message</source>
        <translation>Μήνυμα</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Κλείσιμο του μηνύματος</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ModelsDialog</name>
    <message>
        <source>Models - rscir</source>
        <translation>Μοντέλα – rscir</translation>
    </message>
    <message>
        <source>rscir needs a CLIP-style model to embed images and texts. Install one from the list (a download), or import a checkpoint you already have. Models are kept in %1.</source>
        <translation>Το rscir χρειάζεται ένα μοντέλο τύπου CLIP για να ενσωματώνει εικόνες και κείμενα. Εγκαταστήστε ένα από τη λίστα (λήψη) ή εισαγάγετε ένα σημείο ελέγχου που ήδη έχετε. Τα μοντέλα φυλάσσονται στο %1.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Μοντέλο</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Μέγεθος</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Μοντέλα</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Πρόοδος λήψης</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>&amp;Εγκατάσταση</translation>
    </message>
    <message>
        <source>I&amp;mport Checkpoint...</source>
        <translation>&amp;Εισαγωγή σημείου ελέγχου…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Αφαίρεση</translation>
    </message>
    <message>
        <source>&amp;Use This Model</source>
        <translation>&amp;Χρήση αυτού του μοντέλου</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Εγκατεστημένο</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Μη εγκατεστημένο</translation>
    </message>
    <message>
        <source>Folder: %1&lt;br&gt;SHA-256: %2</source>
        <translation>Φάκελος: %1&lt;br&gt;SHA-256: %2</translation>
    </message>
    <message>
        <source>not published; recorded at the first download</source>
        <translation>δεν έχει δημοσιευθεί· καταγράφεται στην πρώτη λήψη</translation>
    </message>
    <message>
        <source>%1 is installed.</source>
        <translation>Το %1 εγκαταστάθηκε.</translation>
    </message>
    <message>
        <source>Import a Checkpoint</source>
        <translation>Εισαγωγή σημείου ελέγχου</translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pt *.bin *.pth)</source>
        <translation>Σημεία ελέγχου (*.safetensors *.pt *.bin *.pth)</translation>
    </message>
    <message>
        <source>GELU (open_clip; the paper&apos;s setting)</source>
        <translation>GELU (open_clip· η ρύθμιση της δημοσίευσης)</translation>
    </message>
    <message>
        <source>QuickGELU (OpenAI&apos;s original weights)</source>
        <translation>QuickGELU (αρχικά βάρη της OpenAI)</translation>
    </message>
    <message>
        <source>next to the checkpoint</source>
        <translation>δίπλα στο σημείο ελέγχου</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Ό&amp;νομα:</translation>
    </message>
    <message>
        <source>Default &amp;λ:</source>
        <translation>Προεπιλεγμένο &amp;λ:</translation>
    </message>
    <message>
        <source>&amp;Vocabulary:</source>
        <translation>&amp;Λεξιλόγιο:</translation>
    </message>
    <message>
        <source>%1 was removed.</source>
        <translation>Το %1 αφαιρέθηκε.</translation>
    </message>
    <message>
        <source>Cancelled; installing again resumes a download.</source>
        <translation>Ακυρώθηκε· με νέα εγκατάσταση η λήψη συνεχίζεται.</translation>
    </message>
    <message>
        <source>Installing %1</source>
        <translation>Εγκατάσταση του %1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Εισαγωγή του %1</translation>
    </message>
    <message>
        <source>%1&lt;br&gt;Source: %2&lt;br&gt;SHA-256: %3&lt;br&gt;Default λ: %4&lt;br&gt;Licence: %5&lt;br&gt;Commercial use: %6</source>
        <translation>%1&lt;br&gt;Πηγή: %2&lt;br&gt;SHA-256: %3&lt;br&gt;Προεπιλεγμένο λ: %4&lt;br&gt;Άδεια: %5&lt;br&gt;Εμπορική χρήση: %6</translation>
    </message>
    <message>
        <source>(not verified)</source>
        <translation>(δεν έχει επαληθευτεί)</translation>
    </message>
    <message>
        <source>%1 (not tuned)</source>
        <translation>%1 (χωρίς ρύθμιση)</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>δεν αναφέρεται</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>άγνωστη</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>επιτρέπεται</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>δεν επιτρέπεται</translation>
    </message>
    <message>
        <source>Activation</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation>Συνάρτηση ενεργοποίησης</translation>
    </message>
    <message>
        <source>&amp;Activation:</source>
        <comment>the activation function of a model: GELU or QuickGELU</comment>
        <translation>&amp;Συνάρτηση ενεργοποίησης:</translation>
    </message>
    <message>
        <source>%1 is installed. Use This Model loads it.</source>
        <translation>Το %1 εγκαταστάθηκε. Το «Χρήση αυτού του μοντέλου» το φορτώνει.</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Αναζήτηση…</translation>
    </message>
    <message>
        <source>The Tokenizer Vocabulary</source>
        <translation>Το λεξιλόγιο του tokenizer</translation>
    </message>
    <message>
        <source>Family: %1&lt;br&gt;Towers: %2&lt;br&gt;Tokenizer: %3</source>
        <translation>Οικογένεια: %1&lt;br&gt;Πύργοι: %2&lt;br&gt;Tokenizer: %3</translation>
    </message>
    <message>
        <source>Family</source>
        <comment>of a model: CLIP, Long-CLIP or SigLIP</comment>
        <translation>Οικογένεια</translation>
    </message>
    <message>
        <source>As the model&apos;s configuration says (else GELU)</source>
        <translation>Όπως ορίζει η διαμόρφωση του μοντέλου (αλλιώς GELU)</translation>
    </message>
    <message>
        <source>GELU, tanh approximation (transformers&apos; SigLIP)</source>
        <translation>GELU, προσέγγιση tanh (το SigLIP του transformers)</translation>
    </message>
    <message>
        <source>Tokenizers (bpe_simple_vocab_16e6.txt.gz vocab.json merges.txt spiece.model);;All files (*)</source>
        <translation>Tokenizers (bpe_simple_vocab_16e6.txt.gz vocab.json merges.txt spiece.model);;Όλα τα αρχεία (*)</translation>
    </message>
</context>
<context>
    <name>rscir::ui::QueryPanel</name>
    <message>
        <source>Open Image...</source>
        <translation>Άνοιγμα εικόνας…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Εκκαθάριση</translation>
    </message>
    <message>
        <source>Open a query image</source>
        <translation>Άνοιγμα εικόνας ερωτήματος</translation>
    </message>
    <message>
        <source>Clear the query image</source>
        <translation>Εκκαθάριση της εικόνας ερωτήματος</translation>
    </message>
    <message>
        <source>e.g. oval, with trees, red</source>
        <translation>π.χ. οβάλ, με δέντρα, κόκκινο</translation>
    </message>
    <message>
        <source>Query text</source>
        <translation>Κείμενο ερωτήματος</translation>
    </message>
    <message>
        <source>The modification: what the results should have that the image does not</source>
        <translation>Η τροποποίηση: τι πρέπει να έχουν τα αποτελέσματα που δεν έχει η εικόνα</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Κείμενο:</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Εικόνα</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Κείμενο</translation>
    </message>
    <message>
        <source>Lambda: from image (0) to text (1)</source>
        <translation>Λάμδα: από την εικόνα (0) στο κείμενο (1)</translation>
    </message>
    <message>
        <source>Lambda value</source>
        <translation>Τιμή λάμδα</translation>
    </message>
    <message>
        <source>&amp;λ:</source>
        <translation>&amp;λ:</translation>
    </message>
    <message>
        <source>WeiCom</source>
        <translation>WeiCom</translation>
    </message>
    <message>
        <source>Image only</source>
        <translation>Μόνο εικόνα</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Μόνο κείμενο</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Μέσος όρος</translation>
    </message>
    <message>
        <source>Ranking method</source>
        <translation>Μέθοδος κατάταξης</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Μέθοδος:</translation>
    </message>
    <message>
        <source>Number of results</source>
        <translation>Πλήθος αποτελεσμάτων</translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation>Α&amp;ποτελέσματα:</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Κωδικοποίηση</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Μοντέλο</translation>
    </message>
    <message>
        <source>The model that embeds the query; the archive must be indexed with it</source>
        <translation>Το μοντέλο που ενσωματώνει το ερώτημα· το αρχείο πρέπει να έχει ευρετηριαστεί με αυτό</translation>
    </message>
    <message>
        <source>M&amp;odel:</source>
        <translation>Μο&amp;ντέλο:</translation>
    </message>
    <message>
        <source>Ter&amp;ms:</source>
        <translation>Ό&amp;ροι:</translation>
    </message>
    <message>
        <source>Want</source>
        <comment>a query term&apos;s role</comment>
        <translation>Επιθυμητό</translation>
    </message>
    <message>
        <source>Avoid</source>
        <comment>a query term&apos;s role</comment>
        <translation>Αποφυγή</translation>
    </message>
    <message>
        <source>Role of the text to add</source>
        <translation>Ρόλος του κειμένου προς προσθήκη</translation>
    </message>
    <message>
        <source>another text, e.g. clouds</source>
        <translation>άλλο κείμενο, π.χ. σύννεφα</translation>
    </message>
    <message>
        <source>Text to add to the query</source>
        <translation>Κείμενο προς προσθήκη στο ερώτημα</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Προσθήκη</translation>
    </message>
    <message>
        <source>Add the text to the query</source>
        <translation>Προσθήκη του κειμένου στο ερώτημα</translation>
    </message>
    <message>
        <source>Add Image...</source>
        <translation>Προσθήκη εικόνας…</translation>
    </message>
    <message>
        <source>Add a wanted image to the query</source>
        <translation>Προσθήκη επιθυμητής εικόνας στο ερώτημα</translation>
    </message>
    <message>
        <source>Want / Avoid</source>
        <translation>Επιθυμητό / Αποφυγή</translation>
    </message>
    <message>
        <source>Switch the selected term between wanted and avoided</source>
        <translation>Εναλλαγή του επιλεγμένου όρου μεταξύ επιθυμητού και προς αποφυγή</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Αφαίρεση</translation>
    </message>
    <message>
        <source>Remove the selected term</source>
        <translation>Αφαίρεση του επιλεγμένου όρου</translation>
    </message>
    <message>
        <source>Weight of what to avoid (ν)</source>
        <translation>Βάρος όσων αποφεύγονται (ν)</translation>
    </message>
    <message>
        <source>How strongly avoided terms push results down: 0 ignores them, 1 counts them fully</source>
        <translation>Πόσο έντονα οι όροι προς αποφυγή υποβιβάζουν τα αποτελέσματα: 0 τους αγνοεί, 1 τους μετρά πλήρως</translation>
    </message>
    <message>
        <source>Weight of what to avoid</source>
        <translation>Βάρος όσων αποφεύγονται</translation>
    </message>
    <message>
        <source>A&amp;void ν:</source>
        <translation>Απο&amp;φυγή ν:</translation>
    </message>
    <message>
        <source>Slerp</source>
        <translation>Slerp</translation>
    </message>
    <message>
        <source>Spherical interpolation between the image and the text embeddings (training-free)</source>
        <translation>Σφαιρική παρεμβολή μεταξύ των ενσωματώσεων εικόνας και κειμένου (χωρίς εκπαίδευση)</translation>
    </message>
    <message>
        <source>To avoid: %1</source>
        <translation>Προς αποφυγή: %1</translation>
    </message>
    <message>
        <source>Wanted: %1</source>
        <translation>Επιθυμητό: %1</translation>
    </message>
    <message>
        <source>Choose a model</source>
        <translation>Επιλέξτε μοντέλο</translation>
    </message>
    <message>
        <source>Match the archive&apos;s &amp;ground resolution</source>
        <translation>Προσαρμογή στην ανάλυση &amp;εδάφους του αρχείου</translation>
    </message>
    <message>
        <source>Resample a georeferenced query image to the archive&apos;s metres per pixel before it is encoded, so that it shows things at the scale of the archive&apos;s windows</source>
        <translation>Επαναδειγματοληψία μιας γεωαναφερμένης εικόνας ερωτήματος στα μέτρα ανά εικονοστοιχείο του αρχείου πριν κωδικοποιηθεί, ώστε να δείχνει τα πράγματα στην κλίμακα των παραθύρων του αρχείου</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>not georeferenced</source>
        <translation>χωρίς γεωαναφορά</translation>
    </message>
    <message>
        <source>Ground resolution: archive %1, query image %2</source>
        <translation>Ανάλυση εδάφους: αρχείο %1, εικόνα ερωτήματος %2</translation>
    </message>
    <message>
        <source>no image file</source>
        <translation>κανένα αρχείο εικόνας</translation>
    </message>
    <message>
        <source>BASIC</source>
        <translation>BASIC</translation>
    </message>
    <message>
        <source>Centred, projected image and text similarities fused by Harris&apos;s rule (training-free; its space is prepared once per model and archive)</source>
        <translation>Κεντραρισμένες, προβεβλημένες ομοιότητες εικόνας και κειμένου, συνδυασμένες με τον κανόνα του Harris (χωρίς εκπαίδευση· ο χώρος του προετοιμάζεται μία φορά ανά μοντέλο και αρχείο)</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ρυθμίσεις…</translation>
    </message>
    <message>
        <source>BASIC&apos;s corpora, image mean, components, expansion and normalisation</source>
        <translation>Σώματα κειμένων, μέση εικόνα, συνιστώσες, διεύρυνση και κανονικοποίηση του BASIC</translation>
    </message>
    <message>
        <source>BASIC settings</source>
        <translation>Ρυθμίσεις BASIC</translation>
    </message>
    <message>
        <source>Harris &amp;λ:</source>
        <translation>&amp;λ του Harris:</translation>
    </message>
    <message>
        <source>Harris lambda: how much BASIC penalises the sum of the similarities (0 to 0.24)</source>
        <translation>Λάμδα του Harris: πόσο τιμωρεί το BASIC το άθροισμα των ομοιοτήτων (0 έως 0,24)</translation>
    </message>
    <message>
        <source>BASIC scores t·i − λ·(t + i)² from its text and image similarities t and i: at 0 the product alone ranks</source>
        <translation>Το BASIC βαθμολογεί t·i − λ·(t + i)² από τις ομοιότητες κειμένου και εικόνας t και i: στο 0 κατατάσσει μόνο το γινόμενο</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ResultsModel</name>
    <message>
        <source>&lt;b&gt;#%1&lt;/b&gt; %2&lt;br&gt;Score: %3&lt;br&gt;Image similarity: %4 (normalised %5)&lt;br&gt;Text similarity: %6 (normalised %7)</source>
        <translation>&lt;b&gt;#%1&lt;/b&gt; %2&lt;br&gt;Βαθμολογία: %3&lt;br&gt;Ομοιότητα εικόνας: %4 (κανονικοποιημένη %5)&lt;br&gt;Ομοιότητα κειμένου: %6 (κανονικοποιημένη %7)</translation>
    </message>
    <message>
        <source>Rank %1: %2</source>
        <translation>Θέση %1: %2</translation>
    </message>
    <message>
        <source>✓ A positive of the benchmark query</source>
        <translation>✓ Θετικό του ερωτήματος αξιολόγησης</translation>
    </message>
    <message>
        <source>✗ Not a positive of the benchmark query</source>
        <translation>✗ Όχι θετικό του ερωτήματος αξιολόγησης</translation>
    </message>
    <message>
        <source>#%1  %2  +%3</source>
        <comment>rank, score, results folded under it</comment>
        <translation>#%1  %2  +%3</translation>
    </message>
    <message numerus="yes">
        <source>%n more result(s) at this place, folded under this one: %1</source>
        <translation>
            <numerusform>%n ακόμη αποτέλεσμα σε αυτόν τον τόπο, συμπτυγμένο κάτω από αυτό: %1</numerusform>
            <numerusform>%n ακόμη αποτελέσματα σε αυτόν τον τόπο, συμπτυγμένα κάτω από αυτό: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation>Ετικέτες: %1</translation>
    </message>
    <message>
        <source>Acquired: %1</source>
        <translation>Λήψη: %1</translation>
    </message>
</context>
<context>
    <name>rscir::ui::SearchSession</name>
    <message>
        <source>Item %1</source>
        <translation>Στοιχείο %1</translation>
    </message>
    <message>
        <source>This archive has no embeddings of the model %1 yet. Index the archive with it (File &gt; Index Folder) to search it.</source>
        <translation>Αυτό το αρχείο δεν έχει ακόμη ενσωματώσεις του μοντέλου %1. Ευρετηριάστε το αρχείο με αυτό (Αρχείο &gt; Ευρετηρίαση φακέλου) για να το αναζητήσετε.</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>Το %1 δεν μπόρεσε να ανοίξει: %2</translation>
    </message>
    <message>
        <source>The query could not be encoded: %1</source>
        <translation>Το ερώτημα δεν μπόρεσε να κωδικοποιηθεί: %1</translation>
    </message>
    <message>
        <source>The query image %1 is now a file, which is not part of this archive.</source>
        <translation>Η εικόνα ερωτήματος %1 είναι πλέον αρχείο, που δεν ανήκει σε αυτό το αρχείο εικόνων.</translation>
    </message>
    <message>
        <source>The query image %1 was an item of the previous archive and has been removed.</source>
        <translation>Η εικόνα ερωτήματος %1 ήταν στοιχείο του προηγούμενου αρχείου εικόνων και αφαιρέθηκε.</translation>
    </message>
    <message>
        <source>The area could not be applied: %1</source>
        <translation>Η περιοχή δεν εφαρμόστηκε: %1</translation>
    </message>
    <message>
        <source>The ranking is current again.</source>
        <translation>Η κατάταξη είναι ξανά ενημερωμένη.</translation>
    </message>
    <message>
        <source>the index to open</source>
        <translation>το άνοιγμα του ευρετηρίου</translation>
    </message>
    <message>
        <source>the archive&apos;s embeddings to load</source>
        <translation>τη φόρτωση των ενσωματώσεων της αρχειοθήκης</translation>
    </message>
    <message>
        <source>the text “%1”</source>
        <translation>το κείμενο «%1»</translation>
    </message>
    <message>
        <source>the image %1</source>
        <translation>την εικόνα %1</translation>
    </message>
    <message>
        <source>the archive item %1</source>
        <translation>το στοιχείο %1 της αρχειοθήκης</translation>
    </message>
    <message>
        <source>the area&apos;s items</source>
        <translation>τα στοιχεία της περιοχής</translation>
    </message>
    <message numerus="yes">
        <source>the encoder (%n request(s) waiting)</source>
        <translation>
            <numerusform>τον κωδικοποιητή (%n αίτημα σε αναμονή)</numerusform>
            <numerusform>τον κωδικοποιητή (%n αιτήματα σε αναμονή)</numerusform>
        </translation>
    </message>
    <message>
        <source>The ranking has been waiting for %1 s for: %2.</source>
        <translation>Η κατάταξη περιμένει εδώ και %1 s για: %2.</translation>
    </message>
    <message>
        <source>nothing that is known</source>
        <translation>τίποτα γνωστό</translation>
    </message>
    <message>
        <source>where the archive&apos;s items lie (one result per place)</source>
        <translation>τις θέσεις των στοιχείων του αρχείου (ένα αποτέλεσμα ανά τόπο)</translation>
    </message>
    <message>
        <source>Where the archive&apos;s items lie could not be read (%1): every result is listed.</source>
        <translation>Δεν ήταν δυνατό να διαβαστούν οι θέσεις των στοιχείων του αρχείου (%1): εμφανίζονται όλα τα αποτελέσματα.</translation>
    </message>
    <message>
        <source>The filter could not be applied: %1</source>
        <translation>Δεν ήταν δυνατή η εφαρμογή του φίλτρου: %1</translation>
    </message>
    <message>
        <source>the items the filter keeps</source>
        <translation>τα στοιχεία που κρατά το φίλτρο</translation>
    </message>
    <message>
        <source>The same place and before or after need the query&apos;s place and time: an archive item, or a georeferenced and dated image. They are off.</source>
        <translation>Το ίδιο μέρος και το πριν ή μετά χρειάζονται τη θέση και τον χρόνο του ερωτήματος: ένα στοιχείο του αρχείου ή μια γεωαναφερμένη εικόνα με ημερομηνία. Απενεργοποιήθηκαν.</translation>
    </message>
    <message>
        <source>the archive&apos;s mean image</source>
        <translation>τη μέση εικόνα του αρχείου</translation>
    </message>
    <message>
        <source>rscir&apos;s remote-sensing corpora</source>
        <translation>τα σώματα κειμένων τηλεπισκόπησης του rscir</translation>
    </message>
    <message numerus="yes">
        <source>expanded with %n item(s)</source>
        <translation>
            <numerusform>διευρυμένο με %n στοιχείο</numerusform>
            <numerusform>διευρυμένο με %n στοιχεία</numerusform>
        </translation>
    </message>
    <message>
        <source>not expanded</source>
        <translation>χωρίς διεύρυνση</translation>
    </message>
    <message>
        <source>not normalised</source>
        <translation>χωρίς κανονικοποίηση</translation>
    </message>
    <message>
        <source>normalised with %1</source>
        <translation>κανονικοποιημένο με %1</translation>
    </message>
    <message numerus="yes">
        <source>BASIC: centred with %1, %n component(s) from %2, %3, %4</source>
        <translation>
            <numerusform>BASIC: κεντραρισμένο με %1, %n συνιστώσα από %2, %3, %4</numerusform>
            <numerusform>BASIC: κεντραρισμένο με %1, %n συνιστώσες από %2, %3, %4</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC cannot be prepared in this window.</source>
        <translation>Το BASIC δεν μπορεί να προετοιμαστεί σε αυτό το παράθυρο.</translation>
    </message>
    <message>
        <source>embedding BASIC&apos;s corpora</source>
        <translation>ενσωμάτωση των σωμάτων κειμένων του BASIC</translation>
    </message>
    <message>
        <source>reading the archive&apos;s mean image</source>
        <translation>ανάγνωση της μέσης εικόνας του αρχείου</translation>
    </message>
    <message>
        <source>Preparing BASIC for %1</source>
        <translation>Προετοιμασία του BASIC για το %1</translation>
    </message>
    <message>
        <source>BASIC could not be prepared: %1</source>
        <translation>Το BASIC δεν ήταν δυνατό να προετοιμαστεί: %1</translation>
    </message>
    <message>
        <source>BASIC&apos;s preparation was cancelled. Choose BASIC again to prepare it.</source>
        <translation>Η προετοιμασία του BASIC ακυρώθηκε. Επιλέξτε ξανά το BASIC για να προετοιμαστεί.</translation>
    </message>
    <message>
        <source>BASIC could not embed the text in context: %1</source>
        <translation>Το BASIC δεν μπόρεσε να ενσωματώσει το κείμενο στο πλαίσιο: %1</translation>
    </message>
    <message>
        <source>BASIC&apos;s space (its corpora embedded, the archive&apos;s mean image)</source>
        <translation>τον χώρο του BASIC (τα ενσωματωμένα σώματα κειμένων του, τη μέση εικόνα του αρχείου)</translation>
    </message>
    <message>
        <source>the texts in the context of BASIC&apos;s subjects</source>
        <translation>τα κείμενα στο πλαίσιο των θεμάτων του BASIC</translation>
    </message>
    <message>
        <source>BASIC&apos;s passes over the archive</source>
        <translation>τα περάσματα του BASIC πάνω στο αρχείο</translation>
    </message>
</context>
<context>
    <name>rscir::ui::SettingsDialog</name>
    <message>
        <source>Preferences - rscir</source>
        <translation>Προτιμήσεις – rscir</translation>
    </message>
    <message>
        <source>Automatic (CUDA when available)</source>
        <translation>Αυτόματα (CUDA όταν υπάρχει)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Συσκευή:</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>Όλοι οι πυρήνες</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>&amp;Νήματα CPU:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>Μέγεθος &amp;παρτίδας:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>T&amp;humbnail size:</source>
        <translation>Μέγεθος &amp;μικρογραφίας:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Γλώσσα συστήματος</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Γλώσσα:</translation>
    </message>
    <message>
        <source>Device, threads and language take effect when the application starts again.</source>
        <translation>Η συσκευή, τα νήματα και η γλώσσα ισχύουν από την επόμενη εκκίνηση.</translation>
    </message>
    <message>
        <source>Exact (fp32, as the reference)</source>
        <translation>Ακριβής (fp32, όπως η αναφορά)</translation>
    </message>
    <message>
        <source>Fast (bf16, 2.5 to 5 times faster)</source>
        <translation>Γρήγορη (bf16, 2,5 έως 5 φορές ταχύτερη)</translation>
    </message>
    <message>
        <source>Indexing computes in bf16 on this processor&apos;s native bf16 units. Measured against fp32 on the test models: embeddings agree to a cosine of 0.99997 or better, 9.75 of the 10 nearest neighbours are the same, PatternCom figures move by 0.03 mAP points on average (0.2 at most). Queries are always encoded in fp32.</source>
        <translation>Η ευρετηρίαση υπολογίζει σε bf16 στις εγγενείς μονάδες bf16 αυτού του επεξεργαστή. Μετρημένο έναντι fp32 στα δοκιμαστικά μοντέλα: οι ενσωματώσεις συμφωνούν με συνημίτονο 0,99997 ή καλύτερο, 9,75 από τους 10 πλησιέστερους γείτονες είναι ίδιοι, οι τιμές PatternCom μετακινούνται κατά 0,03 μονάδες mAP κατά μέσο όρο (το πολύ 0,2). Τα ερωτήματα κωδικοποιούνται πάντα σε fp32.</translation>
    </message>
    <message>
        <source>This processor has no native bf16 (AVX512-BF16 or AMX): indexing computes in fp32.</source>
        <translation>Αυτός ο επεξεργαστής δεν έχει εγγενές bf16 (AVX512-BF16 ή AMX): η ευρετηρίαση υπολογίζει σε fp32.</translation>
    </message>
    <message>
        <source>&amp;Indexing precision:</source>
        <translation>&amp;Ακρίβεια ευρετηρίασης:</translation>
    </message>
    <message>
        <source>Half (fp16): half the memory and scan time</source>
        <translation>Μισή (fp16): μισή μνήμη και μισός χρόνος σάρωσης</translation>
    </message>
    <message>
        <source>Single (fp32)</source>
        <translation>Απλή (fp32)</translation>
    </message>
    <message>
        <source>How a new index keeps its embeddings. fp16 rankings agree with fp32 to within 0.01 mAP points on the PatternCom test set.</source>
        <translation>Πώς ένα νέο ευρετήριο κρατά τις ενσωματώσεις του. Οι κατατάξεις σε fp16 συμφωνούν με fp32 έως 0,01 μονάδες mAP στο δοκιμαστικό σύνολο PatternCom.</translation>
    </message>
    <message>
        <source>&amp;Storage of new indexes:</source>
        <translation>Α&amp;ποθήκευση νέων ευρετηρίων:</translation>
    </message>
    <message>
        <source>Threads for everything that computes at once: searches over the archive, decoding images while indexing, and the model</source>
        <translation>Νήματα για ό,τι υπολογίζει ταυτόχρονα: αναζητήσεις στο αρχείο, αποκωδικοποίηση εικόνων κατά τη δημιουργία ευρετηρίου και το μοντέλο</translation>
    </message>
</context>
<context>
    <name>rscir::ui::SweepDialog</name>
    <message>
        <source>λ Sweep - rscir</source>
        <translation>Σάρωση λ – rscir</translation>
    </message>
    <message>
        <source>Export as &amp;PNG...</source>
        <translation>Εξαγωγή ως &amp;PNG…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Export the λ Sweep</source>
        <translation>Εξαγωγή της σάρωσης λ</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Εικόνες PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Δεν είναι δυνατή η εγγραφή του %1</translation>
    </message>
    <message>
        <source>The λ of the window</source>
        <translation>Το λ του παραθύρου</translation>
    </message>
    <message>
        <source>Item %1, score %2; click to open it</source>
        <translation>Στοιχείο %1, βαθμολογία %2· κάντε κλικ για να ανοίξει</translation>
    </message>
</context>
<context>
    <name>rscir::ui::TermList</name>
    <message>
        <source>Query terms</source>
        <translation>Όροι ερωτήματος</translation>
    </message>
    <message>
        <source>Every image and text of the query; + wanted, − to avoid. Drop more images here.</source>
        <translation>Όλες οι εικόνες και τα κείμενα του ερωτήματος· + επιθυμητά, − προς αποφυγή. Αφήστε εδώ κι άλλες εικόνες.</translation>
    </message>
</context>
<context>
    <name>rscir::ui::TileLoader</name>
    <message>
        <source>the tile service sent something that is not an image</source>
        <translation>η υπηρεσία πλακιδίων έστειλε κάτι που δεν είναι εικόνα</translation>
    </message>
    <message>
        <source>the tile service sent a tile larger than %1 MB</source>
        <translation>η υπηρεσία πλακιδίων έστειλε πλακίδιο μεγαλύτερο από %1 MB</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ViewerDialog</name>
    <message>
        <source>&amp;Use as Query</source>
        <translation>&amp;Χρήση ως ερώτημα</translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation>&amp;Αντιγραφή διαδρομής</translation>
    </message>
    <message>
        <source>Open Containing &amp;Folder</source>
        <translation>Άνοιγμα &amp;φακέλου</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Item %1 is no longer in the index.</source>
        <translation>Το στοιχείο %1 δεν υπάρχει πια στο ευρετήριο.</translation>
    </message>
    <message>
        <source>%1 - rscir</source>
        <translation>%1 – rscir</translation>
    </message>
    <message>
        <source>Window: x %1, y %2, %3 x %4 pixels&lt;br&gt;</source>
        <translation>Παράθυρο: x %1, y %2, %3 × %4 εικονοστοιχεία&lt;br&gt;</translation>
    </message>
    <message>
        <source>Raster: %1 x %2, %3 band(s), %4 (%5)&lt;br&gt;</source>
        <translation>Ράστερ: %1 × %2, %3 κανάλι(α), %4 (%5)&lt;br&gt;</translation>
    </message>
    <message>
        <source>CRS: %1&lt;br&gt;</source>
        <translation>ΣΣΑ: %1&lt;br&gt;</translation>
    </message>
    <message>
        <source>Not georeferenced&lt;br&gt;</source>
        <translation>Χωρίς γεωαναφορά&lt;br&gt;</translation>
    </message>
    <message>
        <source>Centre: %1° %2, %3° %4&lt;br&gt;</source>
        <translation>Κέντρο: %1° %2, %3° %4&lt;br&gt;</translation>
    </message>
    <message>
        <source>N</source>
        <translation>Β</translation>
    </message>
    <message>
        <source>S</source>
        <translation>Ν</translation>
    </message>
    <message>
        <source>E</source>
        <translation>Α</translation>
    </message>
    <message>
        <source>W</source>
        <translation>Δ</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Βαθμολογία</translation>
    </message>
    <message>
        <source>Fused score: %1&lt;br&gt;Image similarity: %2 (normalised %3)&lt;br&gt;Text similarity: %4 (normalised %5)</source>
        <translation>Συνδυασμένη βαθμολογία: %1&lt;br&gt;Ομοιότητα εικόνας: %2 (κανονικοποιημένη %3)&lt;br&gt;Ομοιότητα κειμένου: %4 (κανονικοποιημένη %5)</translation>
    </message>
    <message>
        <source>The image cannot be shown: %1</source>
        <translation>Η εικόνα δεν μπορεί να εμφανιστεί: %1</translation>
    </message>
    <message>
        <source>The item&apos;s window on its whole raster</source>
        <translation>Το παράθυρο του στοιχείου πάνω σε όλο το ράστερ του</translation>
    </message>
    <message>
        <source>← &amp;Previous Result</source>
        <translation>← &amp;Προηγούμενο αποτέλεσμα</translation>
    </message>
    <message>
        <source>&amp;Next Result →</source>
        <translation>Επό&amp;μενο αποτέλεσμα →</translation>
    </message>
    <message>
        <source>Result %1 of %2</source>
        <translation>Αποτέλεσμα %1 από %2</translation>
    </message>
    <message>
        <source>✓ A positive of the benchmark query</source>
        <translation>✓ Θετικό του ερωτήματος αξιολόγησης</translation>
    </message>
    <message>
        <source>✗ Not a positive of the benchmark query</source>
        <translation>✗ Όχι θετικό του ερωτήματος αξιολόγησης</translation>
    </message>
    <message>
        <source>Avoided similarity: %1 (normalised %2, taken off)</source>
        <translation>Ομοιότητα με ό,τι αποφεύγεται: %1 (κανονικοποιημένη %2, αφαιρείται)</translation>
    </message>
    <message>
        <source>Acquired: %1 (%2)&lt;br&gt;</source>
        <translation>Λήψη: %1 (%2)&lt;br&gt;</translation>
    </message>
</context>
<context>
    <name>rscir::ui::WorkbenchWindow</name>
    <message>
        <source>Image only</source>
        <translation>Μόνο εικόνα</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Μόνο κείμενο</translation>
    </message>
    <message>
        <source>Average of similarities</source>
        <translation>Μέσος όρος ομοιοτήτων</translation>
    </message>
    <message>
        <source>WeiCom, λ %1</source>
        <translation>WeiCom, λ %1</translation>
    </message>
    <message>
        <source>Slerp, λ %1</source>
        <translation>Slerp, λ %1</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Χρώμα</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Περιβάλλον</translation>
    </message>
    <message>
        <source>Density</source>
        <translation>Πυκνότητα</translation>
    </message>
    <message>
        <source>Existence</source>
        <translation>Ύπαρξη</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Ποσότητα</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Σχήμα</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Μέσος όρος</translation>
    </message>
    <message>
        <source>WeiCom mAP (%) against λ, per attribute</source>
        <translation>mAP (%) του WeiCom ως προς λ, ανά χαρακτηριστικό</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>Χαρακτηριστικό</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Εικόνα</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Κλάση</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Τιμή</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Κείμενο</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Γραμμή</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>γραμμή %1: %2</translation>
    </message>
    <message>
        <source>WeiCom mAP and recall (%) against λ</source>
        <translation>mAP και ανάκληση (%) του WeiCom ως προς λ</translation>
    </message>
    <message>
        <source>Benchmark Workbench</source>
        <translation>Πάγκος αξιολόγησης</translation>
    </message>
    <message>
        <source>PatternCom (PatternNet)</source>
        <translation>PatternCom (PatternNet)</translation>
    </message>
    <message>
        <source>Composed benchmark (CSV: image, text, targets)</source>
        <translation>Σύνθετο σημείο αναφοράς (CSV: εικόνα, κείμενο, στόχοι)</translation>
    </message>
    <message>
        <source>Benchmark:</source>
        <translation>Αξιολόγηση:</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Αναζήτηση…</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Σύνολο δεδομένων:</translation>
    </message>
    <message>
        <source>Text column:</source>
        <translation>Στήλη κειμένου:</translation>
    </message>
    <message>
        <source>WeiCom&apos;s λ values: a list (0,0.3,0.5) or a range START:STOP:STEP</source>
        <translation>Τιμές λ του WeiCom: λίστα (0,0.3,0.5) ή εύρος ΑΡΧΗ:ΤΕΛΟΣ:ΒΗΜΑ</translation>
    </message>
    <message>
        <source>λ values:</source>
        <translation>Τιμές λ:</translation>
    </message>
    <message>
        <source>Runs on:</source>
        <translation>Εκτελείται σε:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Εκτέλεση</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ακύρωση</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Πίνακας</translation>
    </message>
    <message>
        <source>Compare with the paper&apos;s sweep (RemoteCLIP ViT-L/14, Table 3)</source>
        <translation>Σύγκριση με τη σάρωση του άρθρου (RemoteCLIP ViT-L/14, Πίνακας 3)</translation>
    </message>
    <message>
        <source>Dashed: the mAP the paper publishes for RemoteCLIP ViT-L/14 at each λ (before the authors&apos; 2024 correction of Existence)</source>
        <translation>Διακεκομμένη: η mAP που δημοσιεύει το άρθρο για το RemoteCLIP ViT-L/14 σε κάθε λ (πριν από τη διόρθωση της «Ύπαρξης» από τους συγγραφείς το 2024)</translation>
    </message>
    <message>
        <source>Export Chart...</source>
        <translation>Εξαγωγή διαγράμματος…</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Διάγραμμα</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>Εκτέλεση:</translation>
    </message>
    <message>
        <source>Show in the Main Window</source>
        <translation>Εμφάνιση στο κύριο παράθυρο</translation>
    </message>
    <message>
        <source>Load the query&apos;s image and text into the main window and mark which results are its positives (also: double-click a row)</source>
        <translation>Φόρτωση της εικόνας και του κειμένου του ερωτήματος στο κύριο παράθυρο και σήμανση των αποτελεσμάτων που είναι θετικά του (επίσης: διπλό κλικ σε γραμμή)</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Ερωτήματα</translation>
    </message>
    <message>
        <source>Save Report...</source>
        <translation>Αποθήκευση αναφοράς…</translation>
    </message>
    <message>
        <source>The benchmark&apos;s CSV file; its paths are relative to the open archive</source>
        <translation>Το αρχείο CSV της αξιολόγησης· οι διαδρομές του είναι σχετικές με την ανοιχτή αρχειοθήκη</translation>
    </message>
    <message>
        <source>The PatternNet folder: patternnet.csv, PatternCom/, images/</source>
        <translation>Ο φάκελος PatternNet: patternnet.csv, PatternCom/, images/</translation>
    </message>
    <message>
        <source>the open index %1 and the model %2</source>
        <translation>το ανοιχτό ευρετήριο %1 και το μοντέλο %2</translation>
    </message>
    <message>
        <source>nothing yet: open an index of the dataset&apos;s images and load a model</source>
        <translation>τίποτα ακόμη: ανοίξτε ένα ευρετήριο των εικόνων του συνόλου δεδομένων και φορτώστε ένα μοντέλο</translation>
    </message>
    <message>
        <source>Composed Benchmark</source>
        <translation>Σύνθετο σημείο αναφοράς</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Αρχεία CSV (*.csv);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>PatternNet Folder</source>
        <translation>Φάκελος PatternNet</translation>
    </message>
    <message>
        <source>Open an index of the benchmark&apos;s images and load a model first: the workbench ranks with them.</source>
        <translation>Ανοίξτε πρώτα ένα ευρετήριο των εικόνων της αξιολόγησης και φορτώστε ένα μοντέλο: ο πάγκος κατατάσσει με αυτά.</translation>
    </message>
    <message>
        <source>Choose the benchmark&apos;s CSV file.</source>
        <translation>Επιλέξτε το αρχείο CSV της αξιολόγησης.</translation>
    </message>
    <message>
        <source>Choose the PatternNet folder.</source>
        <translation>Επιλέξτε τον φάκελο PatternNet.</translation>
    </message>
    <message>
        <source>PatternCom benchmark</source>
        <translation>Αξιολόγηση PatternCom</translation>
    </message>
    <message>
        <source>Composed benchmark</source>
        <translation>Σύνθετο σημείο αναφοράς</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>Εκτελείται…</translation>
    </message>
    <message>
        <source>encoding the texts</source>
        <translation>κωδικοποίηση των κειμένων</translation>
    </message>
    <message>
        <source>ranking the queries</source>
        <translation>κατάταξη των ερωτημάτων</translation>
    </message>
    <message>
        <source>Running: %1, %2 of %3</source>
        <translation>Εκτελείται: %1, %2 από %3</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n quer(ies).</source>
        <translation>
            <numerusform>Ολοκληρώθηκε: %n ερώτημα.</numerusform>
            <numerusform>Ολοκληρώθηκε: %n ερωτήματα.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; the last results stay.</source>
        <translation>Ακυρώθηκε· τα τελευταία αποτελέσματα παραμένουν.</translation>
    </message>
    <message>
        <source>The best λ of this run</source>
        <translation>Το καλύτερο λ αυτής της εκτέλεσης</translation>
    </message>
    <message>
        <source>Run a benchmark to see mAP against λ</source>
        <translation>Εκτελέστε μια αξιολόγηση για να δείτε την mAP ως προς λ</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>τοις εκατό</translation>
    </message>
    <message>
        <source>%1 (paper)</source>
        <translation>%1 (άρθρο)</translation>
    </message>
    <message>
        <source>First positive</source>
        <translation>Πρώτο θετικό</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>Θετικά</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Δεν ήταν δυνατή η εγγραφή του %1.</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>Εξαγωγή διαγράμματος</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation>SVG (*.svg);;PNG (*.png)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>Γράφτηκε το %1.</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Εγγραφή της αναφοράς</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Αποθήκευση αναφοράς</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Ιστοσελίδα (*.html)</translation>
    </message>
    <message>
        <source>Filter by attribute, image, class, value or text</source>
        <translation>Φιλτράρισμα κατά χαρακτηριστικό, εικόνα, κλάση, τιμή ή κείμενο</translation>
    </message>
    <message>
        <source>Run</source>
        <comment>the table&apos;s first column: one run of the benchmark</comment>
        <translation>Εκτέλεση</translation>
    </message>
    <message>
        <source>AP (%)</source>
        <translation>AP (%)</translation>
    </message>
    <message>
        <source>mAP (%) of each run</source>
        <comment>the table&apos;s first column</comment>
        <translation>mAP (%) ανά εκτέλεση</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n quer(ies). %1 of their targets are not among the index&apos;s images and count as never found; check the CSV&apos;s paths.</source>
        <translation>
            <numerusform>Ολοκληρώθηκε: %n ερώτημα. %1 από τους στόχους του δεν είναι ανάμεσα στις εικόνες του ευρετηρίου και μετρούν ως ποτέ μη ευρεθέντες· ελέγξτε τις διαδρομές του CSV.</numerusform>
            <numerusform>Ολοκληρώθηκε: %n ερωτήματα. %1 από τους στόχους τους δεν είναι ανάμεσα στις εικόνες του ευρετηρίου και μετρούν ως ποτέ μη ευρεθέντες· ελέγξτε τις διαδρομές του CSV.</numerusform>
        </translation>
    </message>
    <message>
        <source>BASIC, Harris λ %1</source>
        <translation>BASIC, λ του Harris %1</translation>
    </message>
    <message>
        <source>embedding BASIC&apos;s corpora</source>
        <translation>ενσωμάτωση των σωμάτων κειμένων του BASIC</translation>
    </message>
    <message>
        <source>BASIC mAP (%) against the Harris weight, per attribute</source>
        <translation>mAP (%) του BASIC ως προς το βάρος Harris, ανά ιδιότητα</translation>
    </message>
    <message>
        <source>Harris λ</source>
        <translation>λ του Harris</translation>
    </message>
    <message>
        <source>BASIC mAP and recall (%) against the Harris weight</source>
        <translation>mAP και ανάκληση (%) του BASIC ως προς το βάρος Harris</translation>
    </message>
    <message>
        <source>Which of %1 and %2 ranks the query&apos;s positives higher (%3 against %4), by how many points of AP</source>
        <translation>Ποια από τις %1 και %2 κατατάσσει ψηλότερα τα θετικά της ερώτησης (%3 έναντι %4), και κατά πόσες μονάδες AP</translation>
    </message>
    <message>
        <source>Better</source>
        <comment>which of two methods ranks a query&apos;s positives higher</comment>
        <translation>Καλύτερη</translation>
    </message>
    <message>
        <source>tie</source>
        <translation>ισοπαλία</translation>
    </message>
    <message>
        <source>%1 +%2</source>
        <comment>which method wins a query, and by how many points of AP</comment>
        <translation>%1 +%2</translation>
    </message>
    <message>
        <source>AP %1 with %2; AP %3 with %4</source>
        <translation>AP %1 με %2· AP %3 με %4</translation>
    </message>
    <message>
        <source>BASIC&apos;s Harris weights, each below 0.25, with the window&apos;s BASIC settings; empty: BASIC is not run</source>
        <translation>Τα βάρη Harris του BASIC, το καθένα κάτω από 0,25, με τις ρυθμίσεις BASIC του παραθύρου· κενό: το BASIC δεν εκτελείται</translation>
    </message>
    <message>
        <source>BASIC&apos;s Harris λ:</source>
        <translation>λ του Harris για το BASIC:</translation>
    </message>
    <message>
        <source>The method whose sweep is drawn</source>
        <translation>Η μέθοδος της οποίας η σάρωση σχεδιάζεται</translation>
    </message>
    <message>
        <source>&amp;Sweep of:</source>
        <translation>&amp;Σάρωση της:</translation>
    </message>
    <message>
        <source>BASIC&apos;s best Harris λ in this run</source>
        <translation>Το καλύτερο λ του Harris για το BASIC σε αυτή την εκτέλεση</translation>
    </message>
</context>
<context>
    <name>rscir::ui::ZoomView</name>
    <message>
        <source>Image</source>
        <translation>Εικόνα</translation>
    </message>
</context>
</TS>
