#pragma once
// Help > About InkLens: four pages of rich text (links open in the browser).
//   About     what InkLens is, its version, the training data in one line (aboutText())
//   Build     how this copy was built and which kernels it runs on this computer
//             (nn/kernels.h: native or portable build, the engine library's ISA level,
//             OpenBLAS's core and threads, Winograd convolutions, the CPU's features)
//   Licences  Qt, Eigen, OpenCV and OpenBLAS: each licence in short and where to read it
//             (a web page; its Debian copyright file when this computer has it)
//   Credits   the data the bundled model learned from (Copiste d'un jour and Testaments
//             de Poilus, CC BY 4.0; handwriting fonts, SIL OFL; the Hershey fonts) and its
//             language models' word lists
// The texts are static functions (a test reads them without a window); the dialog
// re-reads them when the language changes.

#include <QDialog>
#include <QString>

class QLabel;
class QTabWidget;
class QTextBrowser;

namespace inklens::ui {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    static QString buildText();
    static QString licencesText();
    static QString creditsText();
    // This copy's list of licences and credits, share/doc/inklens/copyright beside the
    // installed program (cmake/InkLensInstall.cmake); empty when absent (the build tree).
    static QString installedCopyrightFile();

    // The page showing `index` (0 About, 1 Build, 2 Licences, 3 Credits).
    QTextBrowser* page(int index) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* m_title = nullptr;
    QTabWidget* m_tabs = nullptr;
};

// Shows parent's About dialog (one per window; made on first use, kept until closed).
void showAboutDialog(QWidget* parent);

}  // namespace inklens::ui
