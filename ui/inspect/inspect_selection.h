#pragma once
// The linked selection of the inspection views: which recognized character is hovered
// and which is selected (clicked), which image column is hovered, which conv channel is
// selected. Every view observes one shared InspectSelection and writes the user's
// gestures into it; InspectorWidget clears it when a new recognition arrives.
// Indices: characters index Recognition::chars; columns are image columns of the line;
// -1 means none.

#include <QObject>

namespace inklens::ui::inspect {

class InspectSelection : public QObject
{
    Q_OBJECT
public:
    explicit InspectSelection(QObject* parent = nullptr);

    int hoveredCharacter() const { return m_hovered; }
    int selectedCharacter() const { return m_selected; }
    // What the views highlight: the hovered character, else the selected one.
    int character() const { return m_hovered >= 0 ? m_hovered : m_selected; }
    int column() const { return m_column; }
    int channelLayer() const { return m_layer; }
    int channel() const { return m_channel; }

public slots:
    void setHoveredCharacter(int index);
    void setSelectedCharacter(int index);
    void setColumn(int column);
    void setChannel(int layer, int channel);
    void clear();

signals:
    void characterChanged(int index);  // character() changed
    void selectedCharacterChanged(int index);
    void columnChanged(int column);
    void channelChanged(int layer, int channel);

private:
    void updateCharacter(int before);
    int m_hovered = -1, m_selected = -1, m_column = -1;
    int m_layer = -1, m_channel = -1;
};

}  // namespace inklens::ui::inspect
