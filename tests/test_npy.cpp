#include "core/base/error.h"
#include "core/base/half.h"
#include "core/base/npy.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fstream>

using namespace rscir;

class TestNpy : public QObject {
    Q_OBJECT
private slots:
    void roundTripFloat32()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npy").toStdString();
        std::vector<float> values(2 * 3);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<float>(i) * 0.5f - 1.0f;
        writeNpy(path, values.data(), {2, 3});
        const NpyArray back = readNpy(path);
        QCOMPARE(back.type, NpyType::Float32);
        QCOMPARE(back.shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(back.toFloat(), values);
        // NumPy aligns the data to 64 bytes.
        std::ifstream in(path, std::ios::binary | std::ios::ate);
        QCOMPARE(static_cast<std::size_t>(in.tellg()) % 64, std::size_t(24 % 64));
    }

    void roundTripTypes_data()
    {
        QTest::addColumn<int>("type");
        QTest::newRow("f16") << int(NpyType::Float16);
        QTest::newRow("i32") << int(NpyType::Int32);
        QTest::newRow("i64") << int(NpyType::Int64);
    }
    void roundTripTypes()
    {
        QFETCH(int, type);
        NpyArray array;
        array.type = static_cast<NpyType>(type);
        array.shape = {5};
        array.data.resize(5 * npyElementSize(array.type));
        for (int i = 0; i < 5; ++i) {
            if (array.type == NpyType::Float16) {
                const std::uint16_t h = floatToHalf(static_cast<float>(i) - 2.5f);
                std::memcpy(array.data.data() + 2 * i, &h, 2);
            } else if (array.type == NpyType::Int32) {
                const std::int32_t v = -i * 1000;
                std::memcpy(array.data.data() + 4 * i, &v, 4);
            } else {
                const std::int64_t v = std::int64_t(i) << 40;
                std::memcpy(array.data.data() + 8 * i, &v, 8);
            }
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath("t.npy").toStdString();
        writeNpy(path, array);
        const NpyArray back = readNpy(path);
        QCOMPARE(int(back.type), type);
        QCOMPARE(back.data, array.data);
        if (array.type == NpyType::Float16)
            QCOMPARE(back.toFloat()[0], -2.5f);
        if (array.type == NpyType::Int64)
            QCOMPARE(back.toInt64()[4], std::int64_t(4) << 40);
    }

    void scalarAndEmptyShapes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("e.npy").toStdString();
        writeNpy(path, nullptr, {0, 4});
        const NpyArray back = readNpy(path);
        QCOMPARE(back.shape, (std::vector<std::int64_t>{0, 4}));
        QCOMPARE(back.count(), std::size_t(0));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        const auto header = [](const std::string& dict, std::size_t dataBytes) {
            std::string h = dict;
            QByteArray out("\x93NUMPY\x01\x00", 8);
            out.append(char(h.size() & 0xff));
            out.append(char(h.size() >> 8));
            out.append(QByteArray::fromStdString(h));
            out.append(QByteArray(int(dataBytes), '\0'));
            return out;
        };
        QTest::newRow("no magic") << QByteArray("PK\x03\x04 not numpy") << "magic";
        QTest::newRow("header past end") << QByteArray("\x93NUMPY\x01\x00\xff\x7f{}", 12) << "runs past";
        QTest::newRow("big endian") << header("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4)
                                    << "element type";
        QTest::newRow("fortran") << header("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", 4) << "Fortran";
        QTest::newRow("short data") << header("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 8)
                                    << "needs";
        QTest::newRow("huge shape")
            << header("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000, 1000000000), }", 8)
            << "too large";
        QTest::newRow("bad shape") << header("{'descr': '<f4', 'fortran_order': False, 'shape': (a,), }", 4)
                                   << "not a tuple";
        QTest::newRow("no descr") << header("{'fortran_order': False, 'shape': (1,), }", 4) << "descr";
        QTest::newRow("version 9") << QByteArray("\x93NUMPY\x09\x00\x00\x00", 10) << "version";
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        try {
            parseNpy(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
            QFAIL("malformed input was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
        }
    }

    void hugeHeaderValuesAreParsedLinearly()
    {
        // A 200 KB descr (format 2 allows 4 GiB headers) once exhausted std::regex's recursion.
        const std::string dict = "{'descr': '" + std::string(200000, 'f') + "', 'fortran_order': False, 'shape': (1,), }";
        QByteArray bytes("\x93NUMPY\x02\x00", 8);
        const auto length = static_cast<std::uint32_t>(dict.size());
        bytes.append(reinterpret_cast<const char*>(&length), 4);
        bytes.append(QByteArray::fromStdString(dict));
        bytes.append(QByteArray(4, '\0'));
        try {
            parseNpy(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
            QFAIL("a 200 KB descr was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains("element type"), e.what());
        }
        // And keys in double quotes, with spaces, as other writers put them.
        const std::string other = "{\"descr\" :  \"<f4\", \"fortran_order\":False, \"shape\" : ( 2 , ) }";
        QByteArray good("\x93NUMPY\x01\x00", 8);
        good.append(char(other.size() & 0xff));
        good.append(char(other.size() >> 8));
        good.append(QByteArray::fromStdString(other));
        good.append(QByteArray(8, '\0'));
        QCOMPARE(parseNpy(std::string_view(good.constData(), static_cast<std::size_t>(good.size()))).shape,
                 std::vector<std::int64_t>{2});
    }

    void halfConversions()
    {
        for (float v : {0.0f, 1.0f, -2.0f, 0.333251953125f, 65504.0f, 6.103515625e-05f, 5.9604644775390625e-08f})
            QCOMPARE(halfToFloat(floatToHalf(v)), v);
        QCOMPARE(floatToHalf(1e6f), std::uint16_t(0x7c00));
        QVERIFY(std::isnan(halfToFloat(floatToHalf(std::nanf("")))));
        QCOMPARE(bfloat16ToFloat(0x3f80), 1.0f);
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "test_npy.moc"
