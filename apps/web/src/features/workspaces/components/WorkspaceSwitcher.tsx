import { Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBriefcase } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/api';
import { CreateWorkspaceModal } from './CreateWorkspaceModal';

const NEW_WORKSPACE = '__new__';

export function WorkspaceSwitcher({ currentId }: { currentId: string | null }) {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, { open, close }] = useDisclosure(false);
  const workspaces = me.data?.workspaces ?? [];

  const data = [
    { group: 'Workspaces', items: workspaces.map((w) => ({ value: w.id, label: w.name })) },
    { group: 'Actions', items: [{ value: NEW_WORKSPACE, label: 'New workspace…' }] },
  ];

  const onChange = (value: string | null) => {
    if (value === NEW_WORKSPACE) open();
    else if (value && value !== currentId) navigate(`/w/${value}`);
  };

  return (
    <>
      <Select
        aria-label="Workspace"
        placeholder="Choose a workspace"
        data={data}
        value={currentId && workspaces.some((w) => w.id === currentId) ? currentId : null}
        onChange={onChange}
        allowDeselect={false}
        leftSection={<IconBriefcase size={16} aria-hidden />}
        w={{ base: 170, sm: 240 }}
        // Mounted only while open: a closed list kept in the page is positioned at every mount,
        // which forces a style pass over the whole reader before its first frame.
        comboboxProps={{ withinPortal: true, keepMounted: false }}
        data-testid="workspace-switcher"
      />
      <CreateWorkspaceModal opened={creating} onClose={close} />
    </>
  );
}
