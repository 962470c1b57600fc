import { Placeholder } from '../../components/Placeholder';

export default function PolicyPage() {
  return <Placeholder title='政策咨询' />;
}
