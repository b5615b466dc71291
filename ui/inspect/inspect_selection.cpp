#include "inspect_selection.h"

#include <algorithm>

namespace inklens::ui::inspect {

InspectSelection::InspectSelection(QObject* parent) : QObject(parent) { }

void InspectSelection::updateCharacter(int before)
{
    if (character() != before)
        emit characterChanged(character());
}

void InspectSelection::setHoveredCharacter(int index)
{
    index = std::max(-1, index);
    if (index == m_hovered)
        return;
    const int before = character();
    m_hovered = index;
    updateCharacter(before);
}

void InspectSelection::setSelectedCharacter(int index)
{
    index = std::max(-1, index);
    if (index == m_selected)
        return;
    const int before = character();
    m_selected = index;
    emit selectedCharacterChanged(m_selected);
    updateCharacter(before);
}

void InspectSelection::setColumn(int column)
{
    column = std::max(-1, column);
    if (column == m_column)
        return;
    m_column = column;
    emit columnChanged(m_column);
}

void InspectSelection::setChannel(int layer, int channel)
{
    if (channel < 0 || layer < 0)
        layer = channel = -1;
    if (layer == m_layer && channel == m_channel)
        return;
    m_layer = layer;
    m_channel = channel;
    emit channelChanged(m_layer, m_channel);
}

void InspectSelection::clear()
{
    setHoveredCharacter(-1);
    setSelectedCharacter(-1);
    setColumn(-1);
}

}  // namespace inklens::ui::inspect
