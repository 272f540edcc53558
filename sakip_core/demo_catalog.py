"""Static name lists of the demo kabupaten (Kabupaten Sukamaju): OPDs, PK indicator templates,
LKE criteria, RB action items, programs and the cascade patterns. Pure data; `sakip_core.demo`
parses and uses it.

Text blocks are `|`-separated, one entry per line:
- OPD: `kode | jenis | singkatan | nama | pagu 2025 (miliar Rupiah) | indicator group`.
- Indicators: `[group] sasaran` opens a group (and its first sasaran), `> sasaran` switches the
  sasaran, then `indikator | satuan | polaritas | agregasi | target | flags`. Polaritas is `+`,
  `-` or a band `L-H` (rentang); agregasi `kum` (kumulatif), `akhir` (nilai_akhir) or `rata`
  (rata_rata). Flags: `iku`, `b2` (bobot 2), `tw=a/b/c/d` (target s.d. triwulan), `prog` (carries
  the OPD's main program and part of its budget), `lke` (the value is the unit's LKE total).
"""

from __future__ import annotations

KABUPATEN = "Kabupaten Sukamaju"

OPD_TEXT = """
1.01.01 | dinas | Disdik | Dinas Pendidikan | 355 | Disdik
1.02.01 | dinas | Dinkes | Dinas Kesehatan | 210 | Dinkes
1.02.02 | rsud | RSUD Sukamaju | Rumah Sakit Umum Daerah Sukamaju | 245 | RSUD
1.02.03 | rsud | RSUD Pasirjaya | Rumah Sakit Umum Daerah Pasirjaya | 118 | RSUD
1.03.01 | dinas | DPUPR | Dinas Pekerjaan Umum dan Penataan Ruang | 330 | DPUPR
1.04.01 | dinas | Disperkim | Dinas Perumahan dan Kawasan Permukiman | 85 | Disperkim
1.05.01 | lainnya | Satpol PP | Satuan Polisi Pamong Praja | 18 | Satpol PP
1.05.02 | badan | BPBD | Badan Penanggulangan Bencana Daerah | 14 | BPBD
1.06.01 | dinas | Dinsos | Dinas Sosial | 32 | Dinsos
2.07.01 | dinas | Disnaker | Dinas Tenaga Kerja | 9 | Disnaker
2.08.01 | dinas | DP3A | Dinas Pemberdayaan Perempuan dan Perlindungan Anak | 7 | DP3A
2.09.01 | dinas | DKP | Dinas Ketahanan Pangan | 12 | DKP
2.11.01 | dinas | DLH | Dinas Lingkungan Hidup | 48 | DLH
2.12.01 | dinas | Disdukcapil | Dinas Kependudukan dan Pencatatan Sipil | 11 | Disdukcapil
2.13.01 | dinas | DPMD | Dinas Pemberdayaan Masyarakat dan Desa | 15 | DPMD
2.14.01 | dinas | DPPKB | Dinas Pengendalian Penduduk dan Keluarga Berencana | 13 | DPPKB
2.15.01 | dinas | Dishub | Dinas Perhubungan | 26 | Dishub
2.16.01 | dinas | Diskominfo | Dinas Komunikasi dan Informatika | 19 | Diskominfo
2.17.01 | dinas | Diskopukm | Dinas Koperasi dan Usaha Mikro | 8 | Diskopukm
2.18.01 | dinas | DPMPTSP | Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu | 10 | DPMPTSP
2.19.01 | dinas | Dispora | Dinas Kepemudaan dan Olahraga | 16 | Dispora
2.23.01 | dinas | Dispusip | Dinas Perpustakaan dan Kearsipan | 9 | Dispusip
3.25.01 | dinas | Diskan | Dinas Perikanan | 14 | Diskan
3.26.01 | dinas | Disparbud | Dinas Pariwisata dan Kebudayaan | 21 | Disparbud
3.27.01 | dinas | Distan | Dinas Pertanian | 42 | Distan
3.30.01 | dinas | Disdagin | Dinas Perdagangan dan Perindustrian | 17 | Disdagin
4.01.01 | sekretariat | Setda | Sekretariat Daerah | 95 | Setda
4.02.01 | sekretariat | Setwan | Sekretariat DPRD | 62 | Setwan
5.01.01 | badan | Bappeda | Badan Perencanaan Pembangunan Daerah | 23 | Bappeda
5.02.01 | badan | BPKAD | Badan Pengelolaan Keuangan dan Aset Daerah | 75 | BPKAD
5.02.02 | badan | Bapenda | Badan Pendapatan Daerah | 28 | Bapenda
5.03.01 | badan | BKPSDM | Badan Kepegawaian dan Pengembangan Sumber Daya Manusia | 24 | BKPSDM
6.01.01 | inspektorat | Inspektorat | Inspektorat Daerah | 12 | Inspektorat
8.01.01 | badan | Kesbangpol | Badan Kesatuan Bangsa dan Politik | 8 | Kesbangpol
7.01.01 | kecamatan | Kec. Sukamaju Utara | Kecamatan Sukamaju Utara | 4.2 | Kecamatan
7.01.02 | kecamatan | Kec. Sukamaju Selatan | Kecamatan Sukamaju Selatan | 3.9 | Kecamatan
7.01.03 | kecamatan | Kec. Cikaret | Kecamatan Cikaret | 3.1 | Kecamatan
7.01.04 | kecamatan | Kec. Pasirjaya | Kecamatan Pasirjaya | 3.4 | Kecamatan
7.01.05 | kecamatan | Kec. Karangsari | Kecamatan Karangsari | 2.8 | Kecamatan
7.01.06 | kecamatan | Kec. Mekarwangi | Kecamatan Mekarwangi | 2.6 | Kecamatan
7.01.07 | kecamatan | Kec. Sindangsari | Kecamatan Sindangsari | 2.3 | Kecamatan
7.01.08 | kecamatan | Kec. Cibeureum | Kecamatan Cibeureum | 3.0 | Kecamatan
7.01.09 | kecamatan | Kec. Talagasari | Kecamatan Talagasari | 2.5 | Kecamatan
7.01.10 | kecamatan | Kec. Margaluyu | Kecamatan Margaluyu | 2.2 | Kecamatan
"""

# Every OPD (kecamatan included) carries this one first.
COMMON_SASARAN = "Meningkatnya akuntabilitas kinerja perangkat daerah"
COMMON_INDIKATOR = "Nilai SAKIP Perangkat Daerah | nilai | + | akhir | 70 | tw=0/70/70/70 lke"

INDIKATOR_TEXT = """
[Disdik] Meningkatnya akses dan mutu layanan pendidikan
Angka Partisipasi Kasar (APK) SD/MI | % | + | akhir | 99.5
Angka Partisipasi Murni (APM) SMP/MTs | % | + | akhir | 82 | iku
Rata-rata lama sekolah | tahun | + | akhir | 8.6 | iku b2
Angka putus sekolah jenjang SMP | % | - | akhir | 0.4
> Meningkatnya mutu satuan dan tenaga pendidikan
Persentase sekolah terakreditasi minimal B | % | + | akhir | 88
Persentase capaian SPM bidang pendidikan | % | + | akhir | 100 | tw=0/50/67/100 prog
Jumlah guru yang mengikuti peningkatan kompetensi | orang | + | kum | 1200
[Dinkes] Meningkatnya derajat kesehatan masyarakat
Angka Kematian Ibu | per 100.000 KH | - | akhir | 85 | iku b2
Angka Kematian Bayi | per 1.000 KH | - | akhir | 6.5 | iku
Prevalensi stunting pada balita | % | - | akhir | 14 | iku
Jumlah kasus demam berdarah dengue | kasus | - | kum | 240
> Meningkatnya mutu dan cakupan pelayanan kesehatan
Persentase capaian SPM bidang kesehatan | % | + | akhir | 100 | tw=0/50/67/100 prog
Persentase puskesmas terakreditasi paripurna | % | + | akhir | 60
Cakupan kepesertaan Jaminan Kesehatan Nasional | % | + | akhir | 98
[RSUD] Meningkatnya mutu pelayanan kesehatan rujukan
Indeks Kepuasan Masyarakat terhadap layanan rumah sakit | nilai | + | rata | 82 | iku
Bed Occupancy Rate (BOR) | % | 60-85 | rata |
Net Death Rate (NDR) | per 1.000 pasien | - | akhir | 25
Rata-rata waktu tunggu rawat jalan | menit | - | rata | 60
Persentase capaian standar pelayanan minimal rumah sakit | % | + | akhir | 95 | prog
Cost recovery rate rumah sakit | % | + | akhir | 95 | iku
[DPUPR] Meningkatnya kualitas infrastruktur jalan dan pengendalian banjir
Persentase panjang jalan kabupaten dalam kondisi mantap | % | + | akhir | 78 | iku b2
Jumlah titik genangan di kawasan perkotaan | titik | - | akhir | 18 | iku
Panjang jalan kabupaten yang ditingkatkan | km | + | kum | 45 | prog
Persentase jaringan irigasi kewenangan kabupaten kondisi baik | % | + | akhir | 72
> Meningkatnya layanan air minum dan ketaatan tata ruang
Persentase rumah tangga dengan akses air minum layak | % | + | akhir | 90
Persentase kesesuaian pemanfaatan ruang dengan RTRW | % | + | akhir | 85
[Disperkim] Meningkatnya kualitas kawasan permukiman
Luas kawasan permukiman kumuh | ha | - | akhir | 42 | iku
Jumlah rumah tidak layak huni yang direhabilitasi | unit | + | kum | 350 | prog
Persentase rumah tangga dengan akses sanitasi layak | % | + | akhir | 88
Persentase penerangan jalan umum yang berfungsi baik | % | + | akhir | 92
Persentase perumahan dengan PSU yang telah diserahterimakan | % | + | akhir | 40
[Satpol PP] Terwujudnya ketenteraman dan ketertiban umum
Persentase penegakan Perda dan Perkada | % | + | akhir | 90 | iku
Jumlah pelanggaran ketertiban umum | kasus | - | kum | 320
Persentase capaian SPM sub urusan trantibum | % | + | akhir | 100 | tw=0/50/67/100
Persentase anggota Satlinmas yang terlatih | % | + | akhir | 75
[BPBD] Meningkatnya ketangguhan daerah terhadap bencana
Indeks Ketahanan Daerah | indeks | + | akhir | 0.9 | iku tw=0/0/0/0.9
Indeks Kesiapsiagaan Masyarakat | indeks | + | akhir | 0.48
Persentase capaian SPM sub urusan bencana | % | + | akhir | 100 | tw=0/50/67/100 iku
Jumlah desa tangguh bencana yang dibentuk | desa | + | kum | 8 | prog
Rata-rata waktu tanggap darurat bencana | jam | - | rata | 6
[Dinsos] Menurunnya penyandang masalah kesejahteraan sosial
Persentase penduduk miskin | % | - | akhir | 7.9 | iku b2
Persentase PPKS yang terpenuhi kebutuhan dasarnya | % | + | akhir | 85
Persentase capaian SPM bidang sosial | % | + | akhir | 100 | tw=0/50/67/100 prog
Jumlah keluarga penerima manfaat yang graduasi mandiri | KK | + | kum | 600
Persentase data terpadu kesejahteraan sosial yang diverifikasi | % | + | akhir | 95
[Disnaker] Meningkatnya kesempatan kerja
Tingkat pengangguran terbuka | % | - | akhir | 6.2 | iku b2
Persentase pencari kerja yang ditempatkan | % | + | akhir | 45
Jumlah tenaga kerja yang mengikuti pelatihan berbasis kompetensi | orang | + | kum | 800 | prog
Persentase perselisihan hubungan industrial yang diselesaikan | % | + | akhir | 80
[DP3A] Meningkatnya perlindungan perempuan dan anak
Indeks Pemberdayaan Gender | indeks | + | akhir | 68.5 | iku
Jumlah kasus kekerasan terhadap perempuan dan anak | kasus | - | kum | 90
Persentase kasus kekerasan perempuan dan anak yang ditangani | % | + | akhir | 100
Persentase desa/kelurahan layak anak | % | + | akhir | 35
[DKP] Meningkatnya ketahanan pangan masyarakat
Skor Pola Pangan Harapan | skor | + | akhir | 88 | iku
Persentase desa rawan pangan | % | - | akhir | 5
Jumlah cadangan pangan pemerintah daerah | ton | + | kum | 40
Persentase pangan segar yang memenuhi syarat keamanan pangan | % | + | akhir | 92
[DLH] Meningkatnya kualitas lingkungan hidup
Indeks Kualitas Lingkungan Hidup | indeks | + | akhir | 62 | iku
Persentase sampah rumah tangga yang tertangani | % | + | akhir | 70 | b2
Persentase sampah yang terkurangi melalui 3R | % | + | akhir | 25
Jumlah pengaduan pencemaran lingkungan | kasus | - | kum | 40
Persentase usaha/kegiatan yang taat izin lingkungan | % | + | akhir | 75
[Disdukcapil] Meningkatnya kualitas pelayanan administrasi kependudukan
Persentase penduduk wajib KTP yang memiliki KTP-el | % | + | akhir | 98.5 | iku
Persentase anak yang memiliki akta kelahiran | % | + | akhir | 96
Persentase penduduk yang mengaktifkan Identitas Kependudukan Digital | % | + | akhir | 30
Rata-rata waktu penyelesaian dokumen kependudukan | hari | - | rata | 2
Indeks Kepuasan Masyarakat terhadap layanan adminduk | nilai | + | rata | 85
[DPMD] Meningkatnya kemandirian desa
Indeks Desa Membangun | indeks | + | akhir | 0.72 | iku
Jumlah desa berstatus mandiri | desa | + | akhir | 25
Persentase desa yang menyampaikan LPJ APBDes tepat waktu | % | + | akhir | 90
Persentase BUMDes yang berkembang | % | + | akhir | 40
[DPPKB] Terkendalinya pertumbuhan penduduk
Total Fertility Rate (TFR) | anak per wanita | - | akhir | 2.1 | iku
Laju pertumbuhan penduduk | % | 0.8-1.2 | akhir |
Persentase kebutuhan ber-KB yang tidak terpenuhi (unmet need) | % | - | akhir | 9
Persentase peserta KB aktif metode kontrasepsi jangka panjang | % | + | akhir | 28
Persentase keluarga berisiko stunting yang didampingi | % | + | akhir | 90
[Dishub] Meningkatnya keselamatan dan kelancaran lalu lintas
Jumlah kecelakaan lalu lintas | kejadian | - | kum | 180 | iku
Persentase fasilitas perlengkapan jalan yang terpasang | % | + | akhir | 70
Persentase kendaraan wajib uji yang lulus uji berkala | % | + | akhir | 85
Jumlah titik rawan kemacetan | titik | - | akhir | 12
[Diskominfo] Meningkatnya penyelenggaraan pemerintahan berbasis elektronik
Indeks SPBE | indeks | + | akhir | 3.1 | iku b2
Persentase OPD yang terhubung jaringan intra pemerintah | % | + | akhir | 95
Persentase informasi publik yang dipublikasikan tepat waktu | % | + | akhir | 90
Jumlah insiden keamanan informasi | insiden | - | kum | 8
Indeks Keterbukaan Informasi Publik | nilai | + | akhir | 80
[Diskopukm] Meningkatnya daya saing koperasi dan usaha mikro
Persentase koperasi aktif | % | + | akhir | 65 | iku
Jumlah usaha mikro yang naik kelas | usaha | + | kum | 250
Persentase koperasi yang melaksanakan RAT tepat waktu | % | + | akhir | 60
Jumlah wirausaha baru | orang | + | kum | 400 | prog
[DPMPTSP] Meningkatnya iklim investasi dan kualitas perizinan
Nilai realisasi investasi | miliar rupiah | + | kum | 2400 | iku b2
Indeks Kepuasan Masyarakat terhadap layanan perizinan | nilai | + | rata | 84
Rata-rata waktu penyelesaian perizinan | hari | - | rata | 5
Persentase perizinan yang terbit tepat waktu | % | + | akhir | 95
[Dispora] Meningkatnya prestasi olahraga dan peran pemuda
Indeks Pembangunan Pemuda | indeks | + | akhir | 54 | iku
Jumlah medali pada kejuaraan tingkat provinsi dan nasional | medali | + | kum | 60
Persentase organisasi kepemudaan yang aktif | % | + | akhir | 70
Jumlah atlet berprestasi yang dibina | orang | + | kum | 150
[Dispusip] Meningkatnya budaya literasi dan tertib arsip
Tingkat Gemar Membaca masyarakat | nilai | + | akhir | 68 | iku
Jumlah kunjungan perpustakaan | orang | + | kum | 90000
Persentase OPD dengan hasil pengawasan kearsipan minimal baik | % | + | akhir | 60
Indeks Pembangunan Literasi Masyarakat | nilai | + | akhir | 70
[Diskan] Meningkatnya produksi dan konsumsi perikanan
Produksi perikanan budidaya | ton | + | kum | 14500 | iku
Angka konsumsi ikan | kg/kapita/tahun | + | akhir | 38
Persentase pembudidaya ikan yang menerapkan CBIB | % | + | akhir | 35
Jumlah kelompok pembudidaya ikan yang dibina | kelompok | + | kum | 60
[Disparbud] Meningkatnya kunjungan wisata dan pelestarian budaya
Jumlah kunjungan wisatawan | orang | + | kum | 1250000 | iku b2
Rata-rata lama tinggal wisatawan | hari | + | rata | 1.8
Kontribusi sektor pariwisata terhadap PDRB | % | + | akhir | 3.2
Jumlah event pariwisata dan budaya yang diselenggarakan | event | + | kum | 24 | prog
Persentase cagar budaya yang dilestarikan | % | + | akhir | 60
[Distan] Meningkatnya produktivitas dan kesejahteraan petani
Produktivitas padi | ku/ha | + | akhir | 62 | iku
Nilai Tukar Petani | indeks | + | akhir | 105
Produksi padi | ton | + | kum | 420000 | prog
Persentase kasus penyakit hewan menular yang ditangani | % | + | akhir | 100
[Disdagin] Meningkatnya kinerja perdagangan dan industri kecil menengah
Laju inflasi | % | 1.5-3.5 | akhir | | iku
Persentase pasar rakyat dalam kondisi baik | % | + | akhir | 65
Jumlah IKM yang tersertifikasi halal | usaha | + | kum | 120
Persentase alat ukur yang ditera ulang | % | + | akhir | 85
[Setda] Meningkatnya kualitas tata kelola pemerintahan daerah
Nilai SAKIP Pemerintah Kabupaten | nilai | + | akhir | 66 | iku b2 tw=0/66/66/66 lke=PEMDA
Indeks Reformasi Birokrasi | nilai | + | akhir | 65 | iku
Persentase produk hukum daerah yang ditetapkan tepat waktu | % | + | akhir | 90
Indeks Kepuasan Masyarakat Pemerintah Kabupaten | nilai | + | rata | 82
Persentase produk hukum yang dipublikasikan di JDIH | % | + | akhir | 95
[Setwan] Meningkatnya dukungan pelaksanaan fungsi DPRD
Persentase Raperda yang ditetapkan sesuai Propemperda | % | + | akhir | 80 | iku
Persentase rekomendasi DPRD atas LKPJ yang ditindaklanjuti | % | + | akhir | 85
Jumlah kegiatan reses dan penjaringan aspirasi | kegiatan | + | kum | 135
Persentase risalah rapat yang tersusun tepat waktu | % | + | akhir | 100
[Bappeda] Meningkatnya kualitas perencanaan pembangunan daerah
Indeks Pembangunan Manusia | indeks | + | akhir | 72.4 | iku b2
Laju pertumbuhan ekonomi | % | + | akhir | 5.3 | iku
Indeks Gini | indeks | - | akhir | 0.36
> Meningkatnya konsistensi perencanaan dan inovasi daerah
Persentase konsistensi program RKPD dengan RPJMD | % | + | akhir | 95
Persentase rekomendasi evaluasi perencanaan yang ditindaklanjuti | % | + | akhir | 85
Jumlah inovasi daerah yang diterapkan | inovasi | + | kum | 30
[BPKAD] Meningkatnya akuntabilitas pengelolaan keuangan dan aset daerah
Persentase aset daerah yang bersertifikat | % | + | akhir | 70 | iku
Persentase realisasi belanja daerah | % | + | akhir | 95 | tw=20/45/70/95
Jumlah temuan BPK atas keuangan daerah yang belum ditindaklanjuti | temuan | - | akhir | 5
Persentase SP2D yang terbit tepat waktu | % | + | akhir | 98
[Bapenda] Meningkatnya pendapatan asli daerah
Realisasi Pendapatan Asli Daerah | miliar rupiah | + | kum | 520 | iku b2 tw=110/250/380/520
Persentase realisasi PBB-P2 terhadap ketetapan | % | + | akhir | 85 | tw=20/45/70/85
Rasio PAD terhadap total pendapatan daerah | % | + | akhir | 18
Jumlah wajib pajak daerah baru yang terdaftar | wajib pajak | + | kum | 1500 | prog
[BKPSDM] Meningkatnya profesionalitas aparatur sipil negara
Indeks Profesionalitas ASN | indeks | + | akhir | 72 | iku
Nilai penerapan sistem merit | poin | + | akhir | 300
Persentase ASN yang memenuhi standar kompetensi jabatan | % | + | akhir | 70
Persentase ASN yang mengikuti pengembangan kompetensi 20 JP | % | + | akhir | 80
Jumlah pelanggaran disiplin ASN | kasus | - | kum | 30
[Inspektorat] Meningkatnya kualitas pengawasan internal
Level kapabilitas APIP | level | + | akhir | 3 | iku
Level maturitas SPIP | level | + | akhir | 3 | b2
Jumlah temuan BPK yang belum ditindaklanjuti | temuan | - | akhir | 12 | iku
Persentase rekomendasi hasil pengawasan yang ditindaklanjuti | % | + | akhir | 85
[Kesbangpol] Meningkatnya kondusivitas politik dan kerukunan masyarakat
Indeks Demokrasi daerah | indeks | + | akhir | 78 | iku
Jumlah konflik sosial | kejadian | - | kum | 6
Indeks Kerukunan Umat Beragama | indeks | + | akhir | 75
Persentase ormas terdaftar yang aktif melapor | % | + | akhir | 70
[Kecamatan] Meningkatnya kualitas pelayanan publik di kecamatan
Indeks Kepuasan Masyarakat terhadap layanan PATEN | nilai | + | rata | 82 | iku
Jumlah layanan PATEN yang diselesaikan | dokumen | + | kum | 3200
Persentase gangguan trantibum yang ditangani | % | + | akhir | 100
> Meningkatnya pembinaan pemerintahan desa
Persentase desa yang menyampaikan LPJ APBDes tepat waktu | % | + | akhir | 90
Persentase musrenbang desa yang terfasilitasi | % | + | akhir | 100 | tw=50/100/100/100
Jumlah desa yang dibina tertib administrasi | desa | + | kum | 12
"""

# Units whose values are whole numbers.
COUNT_UNITS = frozenset(
    {"orang", "kasus", "titik", "unit", "desa", "KK", "kejadian", "insiden", "usaha", "medali",
     "kelompok", "event", "kegiatan", "inovasi", "temuan", "wajib pajak", "level", "dokumen"}
)  # fmt: skip

PROGRAM_PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
# Main programs (Permendagri 90/2019 names); other OPDs report their budget without a program.
PROGRAMS: dict[str, list[str]] = {
    "Disdik": ["Program Pengelolaan Pendidikan", "Program Pendidik dan Tenaga Kependidikan"],
    "Dinkes": ["Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"],
    "RSUD": ["Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"],
    "DPUPR": ["Program Penyelenggaraan Jalan", "Program Pengelolaan Sumber Daya Air (SDA)"],
    "Disperkim": ["Program Kawasan Permukiman"],
    "BPBD": ["Program Penanggulangan Bencana"],
    "Dinsos": ["Program Perlindungan dan Jaminan Sosial"],
    "Disnaker": ["Program Pelatihan Kerja dan Produktivitas Tenaga Kerja"],
    "Diskopukm": ["Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)"],
    "Disparbud": ["Program Pemasaran Pariwisata", "Program Pengembangan Kebudayaan"],
    "Distan": ["Program Penyediaan dan Pengembangan Prasarana Pertanian"],
    "Bapenda": ["Program Pengelolaan Pendapatan Daerah"],
    "DLH": ["Program Pengelolaan Persampahan"],
    "Diskominfo": ["Program Aplikasi Informatika"],
}

# The cascade below each OPD indicator ({x} = the OPD indicator's name):
# (name pattern, satuan, agregasi, target)
ADMINISTRATOR_POLA = [
    ("{x}: persentase program bidang yang terlaksana sesuai rencana", "%", "akhir", 100.0),
    ("{x}: persentase rekomendasi monev yang ditindaklanjuti", "%", "akhir", 90.0),
]
PENGAWAS_POLA = [
    ("{x}: persentase sub kegiatan yang terealisasi tepat waktu", "%", "akhir", 100.0),
    ("{x}: jumlah laporan pemantauan seksi yang disusun", "dokumen", "kum", 12.0),
]
STAF_POLA = [
    ("{x}: jumlah dokumen kerja yang diselesaikan", "dokumen", "kum", 24.0),
    ("{x}: persentase tugas SKP yang diselesaikan tepat waktu", "%", "akhir", 100.0),
]

# LKE criteria (PermenPAN-RB 88/2021 style): `kode | kriteria`. The first digit is the
# komponen (1 perencanaan .. 4 evaluasi), the letter the subkomponen (a pemenuhan, b kualitas,
# c pemanfaatan).
LKE_TEXT = """
1.a.1 | Terdapat pedoman teknis perencanaan kinerja
1.a.2 | Renstra telah ditetapkan dan memuat tujuan, sasaran, indikator dan target kinerja
1.a.3 | Perjanjian Kinerja telah disusun dan ditandatangani tepat waktu
1.b.1 | Tujuan dan sasaran berorientasi hasil dengan ukuran keberhasilan yang jelas
1.b.2 | Indikator kinerja memenuhi kriteria SMART dan selaras antar level (cascading)
1.b.3 | Target kinerja ditetapkan dengan dasar perhitungan yang jelas dan menantang
1.c.1 | Anggaran yang ditetapkan mengacu pada kinerja yang ingin dicapai
1.c.2 | Dokumen perencanaan menjadi acuan pelaksanaan program dan kegiatan
1.c.3 | Target jangka menengah dipantau pencapaiannya secara berkala
2.a.1 | Terdapat pedoman teknis pengukuran kinerja dan pengumpulan data
2.a.2 | Setiap indikator kinerja memiliki definisi operasional dan cara pengukuran
2.a.3 | Pengukuran kinerja dilakukan secara berjenjang dan berkala setiap triwulan
2.b.1 | Pengukuran kinerja telah memanfaatkan teknologi informasi
2.b.2 | Data kinerja andal dan didukung bukti dukung yang valid
2.b.3 | Pengukuran kinerja telah sampai ke level individu
2.c.1 | Hasil pengukuran kinerja menjadi dasar pemberian penghargaan dan sanksi
2.c.2 | Hasil pengukuran dimanfaatkan untuk menyesuaikan strategi pencapaian kinerja
2.c.3 | Hasil pengukuran dimanfaatkan dalam penyusunan anggaran
3.a.1 | Laporan Kinerja telah disusun dan disampaikan tepat waktu
3.a.2 | Laporan Kinerja telah dipublikasikan di laman resmi
3.b.1 | Laporan Kinerja membandingkan capaian dengan target dan tahun sebelumnya
3.b.2 | Laporan Kinerja menyajikan analisis efisiensi penggunaan sumber daya
3.b.3 | Laporan Kinerja menyajikan keterkaitan informasi keuangan dengan capaian kinerja
3.c.1 | Informasi dalam Laporan Kinerja digunakan untuk perbaikan perencanaan
3.c.2 | Informasi dalam Laporan Kinerja digunakan untuk peningkatan kinerja
4.a.1 | Terdapat pedoman teknis evaluasi akuntabilitas kinerja internal
4.a.2 | Evaluasi AKIP internal telah dilaksanakan pada seluruh unit kerja
4.b.1 | Evaluasi dilaksanakan oleh SDM yang kompeten
4.b.2 | Evaluasi telah menggunakan teknologi informasi
4.b.3 | Rekomendasi hasil evaluasi spesifik dan dapat dilaksanakan
4.c.1 | Seluruh rekomendasi hasil evaluasi telah ditindaklanjuti
4.c.2 | Hasil evaluasi dimanfaatkan untuk peningkatan akuntabilitas kinerja
4.c.3 | Terdapat peningkatan implementasi SAKIP dari tindak lanjut evaluasi
"""
LKE_CATATAN = [
    "Bukti dukung belum lengkap",
    "Perlu penyelarasan indikator antar level",
    "Belum dimanfaatkan dalam penganggaran",
    "Dokumen belum dipublikasikan",
]

# RB action items per area of change (same order as sakip_core.calc.rb.AREAS).
RB_AKSI: list[list[str]] = [
    ["Pembentukan dan penguatan agen perubahan", "Internalisasi budaya kerja BerAKHLAK"],
    ["Identifikasi kebijakan yang tumpang tindih", "Penyederhanaan SOP dan regulasi layanan"],
    ["Evaluasi kelembagaan dan penyederhanaan birokrasi", "Pemutakhiran peta jabatan dan ABK"],
    ["Penerapan tanda tangan elektronik dan arsip digital", "Reviu proses bisnis perangkat daerah"],
    ["Penyusunan rencana pengembangan kompetensi pegawai", "Pemutakhiran data kepegawaian"],
    ["Penyusunan pohon kinerja dan cascading indikator", "Pemantauan capaian kinerja triwulanan"],
    ["Pengendalian gratifikasi dan manajemen risiko", "Pembangunan Zona Integritas menuju WBK"],
    ["Penetapan dan publikasi standar pelayanan", "Survei kepuasan dan tindak lanjut pengaduan"],
]

KETERANGAN_RENDAH = [
    "Kegiatan tertunda menunggu pergeseran anggaran",
    "Pengadaan barang/jasa belum selesai",
    "Data dari instansi vertikal belum tersedia",
    "Keterbatasan SDM pelaksana",
]

# Index RB (RB2020) of the Pemda: kode_komponen -> score per year (CC/B range, in the 60s).
RB_NILAI: dict[int, dict[str, float]] = {
    2024: {"pemenuhan": 13.42, "hasil_antara": 6.15, "reform": 16.88, "akuntabilitas": 6.31,
           "pelayanan_publik": 6.74, "bersih_kkn": 6.02, "kinerja_organisasi": 6.18},
    2025: {"pemenuhan": 14.20, "hasil_antara": 6.48, "reform": 18.35, "akuntabilitas": 6.62,
           "pelayanan_publik": 7.05, "bersih_kkn": 6.30, "kinerja_organisasi": 6.57},
}  # fmt: skip
