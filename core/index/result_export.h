#pragma once
/// \file
/// Search results written for GIS tools: CSV, GeoJSON and GeoPackage (through GDAL/OGR),
/// one record per hit with its rank, path, window, footprint and every score component.
/// A result file says how it was made: given the query (as saved-query JSON), a CSV
/// starts with a `# query: …` comment line, a GeoJSON carries it as the foreign member
/// `rscir_query`, and a GeoPackage in its metadata (gpkg_metadata, item `rscir_query`).

#include "core/index/index_store.h"
#include "core/search/ranking.h"

#include <filesystem>
#include <ostream>
#include <vector>

namespace rscir {

struct RankedItem {
    ItemRecord item;
    Hit hit;
    std::string absolutePath; ///< the item's file on this machine (`path` stays archive-relative)
};

/// How many results have no footprint: a GeoJSON or GeoPackage gives them no geometry,
/// which whoever writes one should say.
std::size_t withoutFootprint(const std::vector<RankedItem>& results);

void writeResultsCsv(std::ostream& out, const std::vector<RankedItem>& results, const std::string& queryJson = {});
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
/// .json), .gpkg. The application's export and `rscir search --output` both use it.
/// Throws rscir::Error for another extension or when the file cannot be written.
void writeResultsFile(const std::filesystem::path& path, const std::vector<RankedItem>& results,
                      const std::string& queryJson = {});

} // namespace rscir
