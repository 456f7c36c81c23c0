#pragma once
/// \file
/// Search results written for GIS tools: CSV, GeoJSON and GeoPackage (through GDAL/OGR),
/// one record per hit with its rank, path, window, footprint and every score component.
/// A result file says how it was made: given the query (as saved-query JSON), a CSV has
/// it beside it (`results.csv` → `results.csv.query.json`, so that the CSV itself stays a
/// plain RFC 4180 table that GDAL and QGIS read with typed columns), a GeoJSON carries it
/// as the foreign member `rscir_query`, and a GeoPackage in its metadata (gpkg_metadata,
/// item `rscir_query`). Footprints are WGS84 rings, exterior counter-clockwise (RFC 7946).
/// A path that is not UTF-8 is written with U+FFFD in JSON, its bytes percent-encoded in a
/// `path_percent_encoded` field beside it; a CSV value that starts with =, +, - or @ is
/// written after an apostrophe, so that a spreadsheet shows it instead of running it.

#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <array>
#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rscir {

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool isValidUtf8(std::string_view text);
/// A field of a tab-separated file: in double quotes (doubled inside) when it holds a tab,
/// a line break or a quote, as Python's csv module and pandas read it.
std::string tsvField(std::string_view text);

struct RankedItem {
    ItemRecord item;
    Hit hit;
    std::string absolutePath; ///< the item's file on this machine (`path` stays archive-relative)
    /// With one result per place: the items folded under this one (ranked below it, at its
    /// place), best first; JSON and GeoJSON list them as "folded".
    std::vector<std::int64_t> folded;
    /// The item's labels in words ("pool, not ship"), where an export names them (chips): a
    /// GeoPackage then has a "labels" field.
    std::string labels;
    /// When its file was acquired (ISO 8601 in UTC), where the index says: JSON, GeoJSON and
    /// GeoPackage results then carry "acquired".
    std::string acquired;
};

/// Gives each result the acquisition time of its file, as the index keeps it (one lookup
/// per file).
void attachAcquisition(std::vector<RankedItem>& results, const IndexStore& store);

/// A field of a CSV (RFC 4180): quoted where it holds a comma, quote or line break, and a
/// value that starts like a formula written as text after an apostrophe.
std::string csvField(const std::string& text);
/// A number as result files write it: 15 significant digits, '.' whatever the locale.
std::string number(double value);

/// How many results have no footprint: a GeoJSON or GeoPackage gives them no geometry,
/// which whoever writes one should say.
std::size_t withoutFootprint(const std::vector<RankedItem>& results);

/// The footprint's ring counter-clockwise (RFC 7946's exterior), closed.
Footprint counterClockwise(const Footprint& ring);
/// The centre of a footprint (the mean of its corners; across the antimeridian too), as
/// longitude and latitude.
std::array<double, 2> footprintCentre(const Footprint& ring);
/// The footprint as WKT, EPSG:4326 in longitude, latitude order.
std::string footprintWkt(const Footprint& ring);

/// A header row, then one row per result, CRLF line ends (RFC 4180); `longitude`,
/// `latitude` (the footprint's centre) and `wkt` are empty for results without one; a last
/// column `acquired` where any result is dated.
void writeResultsCsv(std::ostream& out, const std::vector<RankedItem>& results);
void writeResultsJsonLines(std::ostream& out, const std::vector<RankedItem>& results);
/// One line of a batch: {"query": number, "hits": [the same objects as writeResultsJsonLines]}.
void writeResultsBatchLine(std::ostream& out, std::size_t number, const std::vector<RankedItem>& results);
void writeResultsGeoJson(std::ostream& out, const std::vector<RankedItem>& results,
                         const std::string& queryJson = {});
/// Writes a GeoPackage (or any OGR vector format by `driver`, e.g. "GPKG") at `path`,
/// replacing the file. Throws rscir::Error.
void writeResultsOgr(const std::filesystem::path& path, const std::vector<RankedItem>& results,
                     const std::string& driver = "GPKG", const std::string& queryJson = {});
/// Writes results to a file in the format its extension names: .csv, .geojson (or
/// .json), .gpkg; with a CSV, its column types in `<name>.csvt` (GDAL's convention) and,
/// with a query, `<file>.query.json`. None is written
/// through a symbolic link. The application's export and `rscir search --output` both use it.
/// Throws rscir::Error for another extension or when the file cannot be written.
void writeResultsFile(const std::filesystem::path& path, const std::vector<RankedItem>& results,
                      const std::string& queryJson = {});

} // namespace rscir
